/* inverter-closed-form.c — VM, VIL, VIH, VOL, VOH of the square-law CMOS inverter.
 *
 * Sources: VM = (VTn + r(VDD − |VTp|))/(1 + r), r = √(kp/kn) (Rabaey, Digital Integrated
 * Circuits, 2nd ed., §5.3); VIL and VIH from setting dVout/dVin = −1 with one device
 * saturated and the other linear (Kang & Leblebici, CMOS Digital Integrated Circuits, 3rd
 * ed., §5.3): VIL = VTn + V*(2√(kR/(kR+3)) − 1)/(kR − 1),
 * VIH = VTn + V*(2kR/√(1+3kR) − 1)/(kR − 1), kR = kn/kp, V* = VDD − VTn − |VTp|, tending to
 * VTn + (3/8)V* and VTn + (5/8)V* as kR → 1; the outputs there from the same current
 * balances: VOH = ((1 + kR)VIL + VDD − VTp − kR·VTn)/2 and
 * VOL = ((1 + kR)VIH − VDD − VTp − kR·VTn)/(2kR). tests/test-gates.c checks the same forms
 * against the reference table (cases A–E); tests/test-document.c and tests/test-gtk.c check
 * this code against them and against the explorer's simulation. Moved here from ui/gtk/: the
 * explorer shows them, noise/ owns formulas about gates. */
#include "hr-config.h"

#include <math.h>

#include "hr-gates.h"

gboolean
hr_inverter_closed_form (double vdd, double vtn, double vtp, double kn, double kp,
                         HrInverterClosedForm *out)
{
  double kr = kn / kp, r = sqrt (kp / kn), vstar = vdd - vtn - fabs (vtp);

  if (!(vtn > 0 && vtp < 0 && kn > 0 && kp > 0 && vstar > 0))
    return FALSE;
  out->vm_v = (vtn + r * (vdd - fabs (vtp))) / (1 + r);
  if (fabs (kr - 1) < 1e-9)
    {
      out->vil_v = vtn + 3 * vstar / 8;
      out->vih_v = vtn + 5 * vstar / 8;
    }
  else
    {
      out->vil_v = vtn + vstar * (2 * sqrt (kr / (kr + 3)) - 1) / (kr - 1);
      out->vih_v = vtn + vstar * (2 * kr / sqrt (1 + 3 * kr) - 1) / (kr - 1);
    }
  out->voh_v = ((1 + kr) * out->vil_v + vdd - vtp - kr * vtn) / 2;
  out->vol_v = ((1 + kr) * out->vih_v - vdd - vtp - kr * vtn) / (2 * kr);
  out->nml_v = out->vil_v - out->vol_v;
  out->nmh_v = out->voh_v - out->vih_v;
  return TRUE;
}

const char *
hr_inverter_closed_form_text (void)
{
  return "Square-law devices (level 1, no λ, no body effect), kR = kn/kp:\n"
         "VM  = (VTn + √(1/kR)·(VDD − |VTp|)) / (1 + √(1/kR))\n"
         "VIL = VTn + V*·(2√(kR/(kR+3)) − 1)/(kR − 1)\n"
         "VIH = VTn + V*·(2kR/√(1+3kR) − 1)/(kR − 1)\n"
         "      with V* = VDD − VTn − |VTp| (3V*/8 and 5V*/8 at kR = 1)\n"
         "NML = VIL − VOL,  NMH = VOH − VIH, at the slope −1 points.\n"
         "Kang & Leblebici, CMOS Digital Integrated Circuits, §5.3.";
}

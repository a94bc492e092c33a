"""Part-number families recognise members never listed anywhere in the tables."""

import pytest

from uavscreen.goods.parts import first_chars
from uavscreen.goods.screen import default_screener


@pytest.mark.parametrize(("part", "category"), [
    ("STM32G071RBT6", "microcontroller"), ("STM32L052K8U6", "microcontroller"),
    ("ATMEGA2560-16AU", "microcontroller"), ("PIC16F1829-I/SS", "microcontroller"),
    ("TMS320F280049CPZS", "microcontroller"), ("GD32E230C8T6", "microcontroller"),
    ("XC7A35T-1CPG236C", "fpga"), ("EP4CE22F17C8N", "fpga"), ("10M50DAF484C7G", "fpga"),
    ("LCMXO3LF-6900C-5BG256C", "fpga"), ("XCZU9EG-2FFVB1156I", "fpga"),
    ("AD9361BBCZ", "rf_transceiver"), ("ADF4351BCPZ", "rf_transceiver"), ("SX1276IMLTRT", "rf_transceiver"),
    ("AD9680BCPZ-1000", "adc"), ("ADS1115IDGSR", "adc"), ("AD7124-8BCPZ", "adc"),
    ("NEO-M8N-0-10", "gnss_module"), ("ZED-F9P-04B", "gnss_module"), ("UM980", "gnss_module"),
    ("ADIS16470AMLZ", "imu_gyro"), ("BMI270", "imu_gyro"), ("MPU-6000", "imu_gyro"), ("ICM-20948", "imu_gyro"),
    ("TPS62840DLCR", "voltage_regulator"), ("LM2596S-5.0", "voltage_regulator"), ("LTM4625EY", "voltage_regulator"),
    ("IRF540NPBF", "transistor"), ("IRLZ44N", "transistor"), ("2N3904", "transistor"),
    ("1N5819", "diode"), ("SS54", "diode"), ("SMBJ5.0A", "diode"),
    ("GRM188R71H104KA93D", "capacitor"), ("CL21A106KAYNNNE", "capacitor"), ("T491A106K016AT", "capacitor"),
    ("MT25QL256ABA8ESF-0SIT", "memory"), ("W25Q128JVSIQ", "memory"), ("IS42S16400J-7TL", "memory"),
    ("OPA2134PA", "amplifier_ic"), ("HMC8410LP2FE", "amplifier_ic"),
    ("D38999/20WB35SN", "connector"), ("3W-110iB2", "engine"), ("DLE-120", "engine"), ("MD550", "engine"),
])
def test_family_members(part: str, category: str) -> None:
    hits = default_screener().parts.find(f"Lot: {part}, 100 pcs")
    assert [h.family.category for h in hits] == [category], part


@pytest.mark.parametrize("text", [
    "SS304 stainless steel bolts", "100 cm3", "ISO 9001", "4,000 pcs", "8542.31", "H96 Max TV box",
    "Model 2024", "A4 80 g/m2 paper",
])
def test_ordinary_tokens_are_not_parts(text: str) -> None:
    assert default_screener().parts.find(text) == []


def test_first_chars_of_patterns() -> None:
    assert first_chars(r"STM32[A-Z]\d") == {"S"}
    assert first_chars(r"(EP[1-4]C|5C[EGS]|10CL)\w*") == {"E", "5", "1"}
    assert len(first_chars(r"\w+")) > 30  # unknown start: every bucket

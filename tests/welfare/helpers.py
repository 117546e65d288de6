"""Constants shared by the welfare tests."""

from datetime import date

from fedportal.personal_data import make_id_number

RELIEF = "两癌救助"
FORMULA = "公益奶粉（关爱新生命-儿童营养改善）"
SCHOOL_BAG = "安全书包"

# A woman born 1975-05-20 and a boy born 2012-03-01.
WOMAN_ID = make_id_number("360313", date(1975, 5, 20), 124)
BOY_ID = make_id_number("360313", date(2012, 3, 1), 37)

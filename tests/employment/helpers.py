"""Values shared by the employment tests."""

from datetime import date

from fedportal.personal_data import make_id_number

# A valid ID number of a woman born 1985-03-08 in 湘东区.
ID_NUMBER = make_id_number("360313", date(1985, 3, 8), 22)
PHONE = "13907990001"

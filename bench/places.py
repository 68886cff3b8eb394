"""The real places the benchmark generator draws cohorts and facilitators from.

Each ``Place`` is a locale, IANA time zone and country (with a subdivision known to
``holidays``) that occur together in the real world. The order matters: the generator uses
the places round-robin, so the first nine already span every continent and the tricky cases
(+05:30, +05:45, southern-hemisphere DST, a Fri-Sat weekend).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """A city where cohorts sit and home facilitators work."""

    slug: str  # id stem for cohorts and facilitators (``tokyo`` -> ``tokyo-3``)
    locale: str  # BCP 47, as coordinators write it in rollout.yaml
    timezone: str
    country: str  # ISO 3166-1 alpha-2, optional ``-subdivision``
    weekend: tuple[str, ...]  # the real weekend there (written for facilitators, CLDR for cohorts)
    working_hours: str  # the cohort's working hours
    given_names: tuple[str, ...]
    family_names: tuple[str, ...]

    @property
    def language(self) -> str:
        """The language part of the locale (``ja`` for ``ja-JP``)."""
        return self.locale.split("-")[0]

    @property
    def country_code(self) -> str:
        """The ISO country without subdivision."""
        return self.country.split("-")[0]


SAT_SUN = ("sat", "sun")
FRI_SAT = ("fri", "sat")

PLACES: tuple[Place, ...] = (
    Place("new-york", "en-US", "America/New_York", "US-NY", SAT_SUN, "09:00-17:00",
          ("Emily", "Jordan", "Marcus", "Rachel"), ("Carter", "Hill", "Brooks", "Nguyen")),
    Place("tokyo", "ja-JP", "Asia/Tokyo", "JP", SAT_SUN, "09:30-18:00",
          ("愛子", "健二", "美咲", "翔太"), ("佐藤", "山本", "鈴木", "高橋")),
    Place("bengaluru", "en-IN", "Asia/Kolkata", "IN-KA", ("sun",), "09:30-18:30",
          ("Priya", "Arjun", "Kavya", "Rahul"), ("Raman", "Iyer", "Rao", "Menon")),
    Place("kathmandu", "ne-NP", "Asia/Kathmandu", "NP", SAT_SUN, "10:00-17:00",
          ("Sita", "Bikash", "Anjali", "Ramesh"), ("Shrestha", "Gurung", "Thapa", "Adhikari")),
    Place("sydney", "en-AU", "Australia/Sydney", "AU-NSW", SAT_SUN, "09:00-17:00",
          ("Chloe", "Liam", "Olivia", "Noah"), ("Wilson", "Taylor", "Walker", "Harris")),
    Place("santiago", "es-CL", "America/Santiago", "CL-RM", SAT_SUN, "08:30-17:30",
          ("Camila", "Matías", "Valentina", "Benjamín"), ("González", "Muñoz", "Rojas", "Díaz")),
    Place("tel-aviv", "he-IL", "Asia/Jerusalem", "IL", FRI_SAT, "09:00-17:00",
          ("Noa", "Yonatan", "Tamar", "Itai"), ("Cohen", "Levi", "Mizrahi", "Peretz")),
    Place("frankfurt", "de-DE", "Europe/Berlin", "DE-HE", SAT_SUN, "09:00-17:00",
          ("Katrin", "Jonas", "Lena", "Felix"), ("Vogel", "Becker", "Schmidt", "Wagner")),
    Place("johannesburg", "en-ZA", "Africa/Johannesburg", "ZA", SAT_SUN, "08:00-16:30",
          ("Thandi", "Sipho", "Naledi", "Pieter"), ("Nkosi", "Dlamini", "van der Merwe", "Mokoena")),
    Place("riyadh", "ar-SA", "Asia/Riyadh", "SA", FRI_SAT, "08:00-16:00",
          ("Nora", "Faisal", "Reem", "Abdullah"), ("Al-Qahtani", "Al-Harbi", "Al-Otaibi", "Al-Zahrani")),
    Place("sao-paulo", "pt-BR", "America/Sao_Paulo", "BR-SP", SAT_SUN, "09:00-18:00",
          ("Beatriz", "Rafael", "Juliana", "Thiago"), ("Souza", "Lima", "Oliveira", "Santos")),
    Place("paris", "fr-FR", "Europe/Paris", "FR", SAT_SUN, "09:00-17:30",
          ("Camille", "Hugo", "Léa", "Louis"), ("Martin", "Bernard", "Dubois", "Moreau")),
    Place("oslo", "nb-NO", "Europe/Oslo", "NO", SAT_SUN, "08:00-16:00",
          ("Ingrid", "Lars", "Kari", "Ola"), ("Solberg", "Haugen", "Hansen", "Johansen")),
    Place("mexico-city", "es-MX", "America/Mexico_City", "MX", SAT_SUN, "09:00-18:00",
          ("Sofía", "Diego", "Ximena", "Santiago"), ("Hernández", "García", "Martínez", "López")),
    Place("edinburgh", "en-GB", "Europe/London", "GB-SCT", SAT_SUN, "09:00-17:00",
          ("Isla", "Callum", "Eilidh", "Finlay"), ("Campbell", "Stewart", "MacDonald", "Robertson")),
    Place("shanghai", "zh-CN", "Asia/Shanghai", "CN", SAT_SUN, "09:00-18:00",
          ("伟", "芳", "娜", "强"), ("王", "李", "张", "刘")),
    Place("singapore", "en-SG", "Asia/Singapore", "SG", SAT_SUN, "09:00-18:00",
          ("Wei Ling", "Jun Jie", "Siti", "Ravi"), ("Tan", "Lim", "Rahman", "Kumar")),
    Place("cairo", "ar-EG", "Africa/Cairo", "EG", FRI_SAT, "09:00-17:00",
          ("Mariam", "Omar", "Nour", "Youssef"), ("Hassan", "Mostafa", "Ibrahim", "Saleh")),
    Place("nairobi", "sw-KE", "Africa/Nairobi", "KE", SAT_SUN, "08:30-17:00",
          ("Wanjiku", "Otieno", "Achieng", "Kamau"), ("Mwangi", "Odhiambo", "Njoroge", "Kiprop")),
    Place("auckland", "en-NZ", "Pacific/Auckland", "NZ-AUK", SAT_SUN, "09:00-17:00",
          ("Aroha", "Nikau", "Ruby", "Jack"), ("Ngata", "Parata", "Smith", "Williams")),
    Place("montreal", "fr-CA", "America/Toronto", "CA-QC", SAT_SUN, "09:00-17:00",
          ("Élodie", "Gabriel", "Maëlle", "Samuel"), ("Tremblay", "Gagnon", "Roy", "Côté")),
    Place("seoul", "ko-KR", "Asia/Seoul", "KR", SAT_SUN, "09:00-18:00",
          ("지민", "민준", "서연", "도윤"), ("김", "이", "박", "최")),
    Place("mumbai", "hi-IN", "Asia/Kolkata", "IN-MH", ("sun",), "10:00-18:30",
          ("Ananya", "Vikram", "Meera", "Rohan"), ("Sharma", "Patel", "Joshi", "Desai")),
    Place("san-francisco", "en-US", "America/Los_Angeles", "US-CA", SAT_SUN, "09:00-17:00",
          ("Maya", "Ethan", "Sophia", "Lucas"), ("Chen", "Garcia", "Kim", "Johnson")),
    Place("buenos-aires", "es-AR", "America/Argentina/Buenos_Aires", "AR-C", SAT_SUN, "09:00-18:00",
          ("Lucía", "Martín", "Florencia", "Tomás"), ("Fernández", "Romero", "Álvarez", "Sosa")),
    Place("warsaw", "pl-PL", "Europe/Warsaw", "PL", SAT_SUN, "08:00-16:00",
          ("Zofia", "Jakub", "Maja", "Kacper"), ("Nowak", "Kowalski", "Wiśniewski", "Wójcik")),
    Place("adelaide", "en-AU", "Australia/Adelaide", "AU-SA", SAT_SUN, "08:30-17:00",
          ("Grace", "Oliver", "Mia", "William"), ("Jones", "Brown", "Martin", "Thompson")),
    Place("lagos", "en-NG", "Africa/Lagos", "NG", SAT_SUN, "08:00-17:00",
          ("Chiamaka", "Tunde", "Ngozi", "Emeka"), ("Okafor", "Adeyemi", "Okonkwo", "Balogun")),
)

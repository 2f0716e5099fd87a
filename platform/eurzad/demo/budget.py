"""A two-year budget for Głogów (the last complete year's execution and the current
year's plan), about 130 lines a year by the budget classification. Deterministic: the
amounts come from a seeded generator, so every seed produces the same budget."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from eurzad.registers.budget.defaults import set_up_budget_group
from eurzad.registers.budget.models import BudgetLine, BudgetYear

INCOME_LINES = [
    ("600", "60004", "0830", "Wpływy z usług – bilety komunikacji miejskiej", 4_000_000),
    ("600", "60016", "0690", "Wpływy z różnych opłat – zajęcie pasa drogowego", 1_200_000),
    ("600", "60016", "6290", "Środki na dofinansowanie inwestycji drogowych", 6_500_000),
    ("600", "60017", "0570", "Grzywny i kary", 60_000),
    ("700", "70005", "0470", "Wpływy z opłat za trwały zarząd i użytkowanie", 400_000),
    ("700", "70005", "0550", "Wpływy z opłat z tytułu użytkowania wieczystego", 1_100_000),
    ("700", "70005", "0750", "Najem i dzierżawa składników majątkowych gminy", 3_200_000),
    ("700", "70005", "0770", "Wpływy ze sprzedaży nieruchomości", 5_000_000),
    ("700", "70005", "0920", "Pozostałe odsetki", 90_000),
    ("700", "70007", "0750", "Czynsze za lokale mieszkalne", 6_800_000),
    ("700", "70007", "0830", "Wpływy z usług – media w lokalach gminnych", 900_000),
    ("710", "71035", "2020", "Dotacja na utrzymanie grobów wojennych", 40_000),
    ("750", "75011", "2010", "Dotacja na zadania zlecone z administracji rządowej", 900_000),
    ("750", "75011", "2360", "Dochody związane z realizacją zadań zleconych", 20_000),
    ("750", "75023", "0690", "Wpływy z różnych opłat", 150_000),
    ("750", "75023", "0970", "Wpływy z różnych dochodów", 250_000),
    ("751", "75101", "2010", "Dotacja na prowadzenie rejestru wyborców", 15_000),
    ("754", "75416", "0570", "Mandaty nakładane przez straż miejską", 120_000),
    ("756", "75601", "0350", "Podatek od działalności opłacany w formie karty podatkowej", 50_000),
    ("756", "75615", "0310", "Podatek od nieruchomości – osoby prawne", 38_000_000),
    ("756", "75615", "0320", "Podatek rolny – osoby prawne", 30_000),
    ("756", "75615", "0330", "Podatek leśny – osoby prawne", 25_000),
    ("756", "75615", "0340", "Podatek od środków transportowych – osoby prawne", 900_000),
    ("756", "75615", "0500", "Podatek od czynności cywilnoprawnych – osoby prawne", 80_000),
    ("756", "75616", "0310", "Podatek od nieruchomości – osoby fizyczne", 14_000_000),
    ("756", "75616", "0320", "Podatek rolny – osoby fizyczne", 60_000),
    ("756", "75616", "0340", "Podatek od środków transportowych – osoby fizyczne", 700_000),
    ("756", "75616", "0360", "Podatek od spadków i darowizn", 500_000),
    ("756", "75616", "0500", "Podatek od czynności cywilnoprawnych – osoby fizyczne", 2_600_000),
    ("756", "75616", "0910", "Odsetki od nieterminowych wpłat podatków", 150_000),
    ("756", "75618", "0410", "Wpływy z opłaty skarbowej", 700_000),
    ("756", "75618", "0480", "Opłaty za zezwolenia na sprzedaż napojów alkoholowych", 1_600_000),
    ("756", "75618", "0490", "Wpływy z innych lokalnych opłat", 450_000),
    ("756", "75621", "0010", "Udział w podatku dochodowym od osób fizycznych", 78_000_000),
    ("756", "75621", "0020", "Udział w podatku dochodowym od osób prawnych", 6_500_000),
    ("758", "75801", "2920", "Część oświatowa subwencji ogólnej", 62_000_000),
    ("758", "75807", "2920", "Część wyrównawcza subwencji ogólnej", 9_000_000),
    ("758", "75814", "0920", "Odsetki od środków na rachunkach bankowych", 1_800_000),
    ("758", "75831", "2920", "Część równoważąca subwencji ogólnej", 3_500_000),
    ("801", "80101", "0830", "Wpływy z usług w szkołach podstawowych", 180_000),
    ("801", "80104", "0660", "Opłaty za korzystanie z wychowania przedszkolnego", 1_300_000),
    ("801", "80104", "0670", "Opłaty za korzystanie z wyżywienia w przedszkolach", 3_100_000),
    ("801", "80104", "2030", "Dotacja celowa na wychowanie przedszkolne", 3_900_000),
    ("801", "80148", "0830", "Wpływy ze stołówek szkolnych", 1_700_000),
    ("851", "85154", "2310", "Dotacja od gmin na profilaktykę uzależnień", 20_000),
    ("852", "85202", "0830", "Odpłatność za pobyt w domu pomocy społecznej", 2_400_000),
    ("852", "85213", "2030", "Dotacja na składki zdrowotne", 220_000),
    ("852", "85214", "2030", "Dotacja na zasiłki okresowe", 1_400_000),
    ("852", "85216", "2030", "Dotacja na zasiłki stałe", 2_100_000),
    ("852", "85219", "2030", "Dotacja na ośrodek pomocy społecznej", 2_300_000),
    ("852", "85228", "0830", "Odpłatność za usługi opiekuńcze", 350_000),
    ("852", "85230", "2030", "Dotacja na program posiłek w szkole i w domu", 600_000),
    ("855", "85502", "2010", "Dotacja na świadczenia rodzinne", 24_000_000),
    ("855", "85502", "0980", "Zwroty nienależnie pobranych świadczeń", 150_000),
    ("855", "85503", "2010", "Dotacja na Kartę Dużej Rodziny", 4_000),
    ("855", "85504", "2030", "Dotacja na wspieranie rodziny", 300_000),
    ("900", "90002", "0490", "Opłata za gospodarowanie odpadami komunalnymi", 19_000_000),
    ("900", "90002", "0570", "Kary za naruszenie przepisów o odpadach", 30_000),
    ("900", "90019", "0690", "Opłaty za korzystanie ze środowiska", 450_000),
    ("900", "90015", "6257", "Środki UE na modernizację oświetlenia ulicznego", 2_500_000),
    ("921", "92109", "0830", "Wpływy z usług domu kultury", 90_000),
    ("926", "92601", "0830", "Wpływy z obiektów sportowych", 1_100_000),
    ("926", "92601", "6257", "Środki UE na budowę obiektów sportowych", 3_000_000),
]

EXPENDITURE_LINES = [
    ("010", "01030", "2850", "Wpłaty na rzecz izb rolniczych", 10_000),
    ("600", "60004", "2650", "Dotacja dla komunikacji miejskiej", 11_000_000),
    ("600", "60004", "4300", "Zakup usług przewozowych", 1_500_000),
    ("600", "60015", "4270", "Remonty dróg w mieście", 4_500_000),
    ("600", "60015", "6050", "Przebudowa ulic", 14_000_000),
    ("600", "60016", "4270", "Remonty dróg gminnych", 3_000_000),
    ("600", "60016", "6050", "Budowa dróg gminnych", 9_500_000),
    ("600", "60017", "4300", "Utrzymanie dróg wewnętrznych", 700_000),
    ("700", "70005", "4300", "Wyceny i obsługa nieruchomości", 900_000),
    ("700", "70005", "4590", "Odszkodowania za grunty przejęte pod drogi", 600_000),
    ("700", "70007", "4270", "Remonty mieszkań komunalnych", 3_800_000),
    ("700", "70007", "4300", "Zarządzanie zasobem mieszkaniowym", 2_900_000),
    ("700", "70007", "6050", "Budowa mieszkań komunalnych", 7_000_000),
    ("710", "71004", "4300", "Miejscowe plany zagospodarowania przestrzennego", 500_000),
    ("710", "71035", "4300", "Utrzymanie cmentarza komunalnego", 800_000),
    ("720", "72095", "6060", "Zakupy sprzętu informatycznego", 700_000),
    ("750", "75011", "4010", "Wynagrodzenia – zadania zlecone", 900_000),
    ("750", "75022", "3030", "Diety radnych", 950_000),
    ("750", "75022", "4210", "Zakup materiałów dla rady miejskiej", 40_000),
    ("750", "75023", "4010", "Wynagrodzenia pracowników urzędu", 17_000_000),
    ("750", "75023", "4040", "Dodatkowe wynagrodzenie roczne", 1_400_000),
    ("750", "75023", "4110", "Składki na ubezpieczenia społeczne", 3_100_000),
    ("750", "75023", "4120", "Składki na Fundusz Pracy", 380_000),
    ("750", "75023", "4210", "Zakup materiałów i wyposażenia", 600_000),
    ("750", "75023", "4260", "Zakup energii", 700_000),
    ("750", "75023", "4300", "Zakup usług pozostałych", 2_200_000),
    ("750", "75023", "6060", "Zakupy inwestycyjne urzędu", 500_000),
    ("750", "75075", "4300", "Promocja miasta", 1_300_000),
    ("750", "75085", "4010", "Wspólna obsługa jednostek", 2_600_000),
    ("751", "75101", "4210", "Aktualizacja rejestru wyborców", 15_000),
    ("754", "75412", "4210", "Ochotnicze straże pożarne – wyposażenie", 250_000),
    ("754", "75416", "4010", "Wynagrodzenia straży miejskiej", 2_300_000),
    ("754", "75416", "4300", "Monitoring wizyjny miasta", 350_000),
    ("754", "75421", "4300", "Zarządzanie kryzysowe", 120_000),
    ("757", "75702", "8110", "Odsetki od kredytów i pożyczek", 3_500_000),
    ("758", "75818", "4810", "Rezerwa ogólna i celowe", 2_000_000),
    ("801", "80101", "4010", "Wynagrodzenia nauczycieli szkół podstawowych", 38_000_000),
    ("801", "80101", "4110", "Składki – szkoły podstawowe", 7_000_000),
    ("801", "80101", "4260", "Energia – szkoły podstawowe", 2_800_000),
    ("801", "80101", "4270", "Remonty szkół podstawowych", 2_000_000),
    ("801", "80101", "6050", "Termomodernizacja szkół", 6_000_000),
    ("801", "80104", "2310", "Dotacja dla przedszkoli w innych gminach", 600_000),
    ("801", "80104", "2540", "Dotacja dla przedszkoli niepublicznych", 4_500_000),
    ("801", "80104", "4010", "Wynagrodzenia – przedszkola", 14_000_000),
    ("801", "80104", "4220", "Zakup środków żywności – przedszkola", 3_000_000),
    ("801", "80113", "4300", "Dowożenie uczniów do szkół", 600_000),
    ("801", "80146", "4700", "Doskonalenie zawodowe nauczycieli", 300_000),
    ("801", "80148", "4220", "Stołówki szkolne – żywność", 1_700_000),
    ("801", "80150", "4010", "Kształcenie specjalne – wynagrodzenia", 5_000_000),
    ("851", "85153", "4300", "Przeciwdziałanie narkomanii", 150_000),
    ("851", "85154", "2360", "Dotacje dla organizacji – profilaktyka", 700_000),
    ("851", "85154", "4300", "Gminny program profilaktyki", 800_000),
    ("851", "85195", "4300", "Programy zdrowotne", 400_000),
    ("852", "85202", "4330", "Pobyt mieszkańców w domach pomocy społecznej", 6_500_000),
    ("852", "85213", "4130", "Składki na ubezpieczenie zdrowotne", 220_000),
    ("852", "85214", "3110", "Zasiłki okresowe i celowe", 2_600_000),
    ("852", "85215", "3110", "Dodatki mieszkaniowe", 1_800_000),
    ("852", "85216", "3110", "Zasiłki stałe", 2_100_000),
    ("852", "85219", "4010", "Ośrodek pomocy społecznej – wynagrodzenia", 6_000_000),
    ("852", "85228", "4010", "Usługi opiekuńcze – wynagrodzenia", 2_200_000),
    ("852", "85230", "3110", "Posiłek w szkole i w domu", 900_000),
    ("853", "85395", "4300", "Aktywizacja seniorów", 250_000),
    ("854", "85401", "4010", "Świetlice szkolne – wynagrodzenia", 3_200_000),
    ("854", "85415", "3240", "Stypendia dla uczniów", 700_000),
    ("855", "85502", "3110", "Świadczenia rodzinne", 23_000_000),
    ("855", "85503", "4210", "Karta Dużej Rodziny", 4_000),
    ("855", "85504", "4010", "Asystenci rodziny", 400_000),
    ("855", "85505", "4300", "Dzienny opiekun i żłobki", 3_500_000),
    ("855", "85508", "4330", "Rodziny zastępcze", 1_200_000),
    ("900", "90001", "6050", "Budowa kanalizacji deszczowej", 5_000_000),
    ("900", "90002", "4300", "Odbiór i zagospodarowanie odpadów", 18_500_000),
    ("900", "90003", "4300", "Oczyszczanie miasta", 3_200_000),
    ("900", "90004", "4300", "Utrzymanie zieleni", 2_800_000),
    ("900", "90013", "4300", "Schronisko dla zwierząt", 700_000),
    ("900", "90015", "4260", "Energia – oświetlenie ulic", 2_600_000),
    ("900", "90015", "6050", "Modernizacja oświetlenia ulicznego", 3_500_000),
    ("900", "90095", "4300", "Pozostała gospodarka komunalna", 900_000),
    ("921", "92109", "2480", "Dotacja podmiotowa dla domu kultury", 5_200_000),
    ("921", "92116", "2480", "Dotacja podmiotowa dla biblioteki publicznej", 3_300_000),
    ("921", "92118", "2480", "Dotacja podmiotowa dla muzeum", 2_700_000),
    ("921", "92120", "2720", "Dotacje na prace przy zabytkach", 500_000),
    ("926", "92601", "4270", "Remonty obiektów sportowych", 900_000),
    ("926", "92601", "6050", "Budowa hali sportowej", 8_000_000),
    ("926", "92604", "4010", "Ośrodek sportu i rekreacji – wynagrodzenia", 3_800_000),
    ("926", "92605", "2820", "Dotacje dla klubów sportowych", 1_800_000),
]

YEARS = [
    # (year, status, resolution, share of the plan executed: whole year / three quarters)
    (2025, BudgetYear.Status.EXECUTION, "XIV/112/2024", date(2024, 12, 19), (0.86, 1.04)),
    (2026, BudgetYear.Status.PLAN, "XXVI/201/2025", date(2025, 12, 18), (0.60, 0.78)),
]


def _amount(base: int, rng: random.Random, low: float, high: float) -> Decimal:
    return (Decimal(base) * Decimal(str(round(rng.uniform(low, high), 4)))).quantize(
        Decimal("1.00")
    )


def ensure_demo_budget(subdomain: str) -> None:
    """Give the town its "Budżet" staff group and, for Głogów, create or refresh the demo
    budget in the current schema (idempotent)."""
    set_up_budget_group()
    if subdomain != "glogow":
        return
    for year, status, number, adopted, (low, high) in YEARS:
        budget_year, _created = BudgetYear.objects.update_or_create(
            year=year,
            defaults={"status": status, "resolution_number": number, "resolution_date": adopted},
        )
        rng = random.Random(f"glogow-budget-{year}")
        growth = 1.0 if year == 2025 else 1.06
        for side, lines in (
            (BudgetLine.Side.INCOME, INCOME_LINES),
            (BudgetLine.Side.EXPENDITURE, EXPENDITURE_LINES),
        ):
            for dzial, rozdzial, paragraf, description, base in lines:
                planned = _amount(base, rng, 0.95 * growth, 1.05 * growth)
                executed = (planned * Decimal(str(round(rng.uniform(low, high), 4)))).quantize(
                    Decimal("1.00")
                )
                BudgetLine.objects.update_or_create(
                    budget_year=budget_year,
                    side=side,
                    rozdzial=rozdzial,
                    paragraf=paragraf,
                    defaults={
                        "dzial": dzial,
                        "description": description,
                        "planned": planned,
                        "executed": executed,
                    },
                )

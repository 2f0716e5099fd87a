"""Demo content for the two demo towns: the service catalogue, news, alerts, contact data,
the RODO information clause, the accessibility statement, the feedback form and the
home page quick links.

Data only. Contact details, phone numbers and e-mail addresses are illustrative (``*.example``
domains, ``000`` phone numbers) and name roles, never people. Legal facts (acts, dates,
deadlines, fees) were checked against public sources; where a detail depends on a local
resolution (uchwała rady) the text says so instead of giving a number.

Placeholders filled in by the seeding code: ``{office}`` in ``department`` (the office's
name) and ``{epuap_form_url}`` in the ``url`` of ``epuap`` channels.
"""

from __future__ import annotations

from typing import Any

# ---------------------------------------------------------------------------------------------
# Taxonomy
# ---------------------------------------------------------------------------------------------

CATEGORIES: list[dict[str, str]] = [
    {
        "slug": "podatki-i-oplaty",
        "name": "Podatki i opłaty lokalne",
        "description": (
            "Podatek od nieruchomości, rolny, leśny i od środków transportowych, "
            "zaświadczenia podatkowe oraz ulgi w spłacie."
        ),
    },
    {
        "slug": "odpady",
        "name": "Odpady komunalne",
        "description": (
            "Deklaracja o wysokości opłaty za gospodarowanie odpadami, terminy płatności "
            "i harmonogram odbioru."
        ),
    },
    {
        "slug": "meldunek-i-dokumenty",
        "name": "Meldunek i dowód osobisty",
        "description": "Zameldowanie, wymeldowanie i wydawanie dowodów osobistych.",
    },
    {
        "slug": "dzialalnosc-gospodarcza",
        "name": "Działalność gospodarcza",
        "description": (
            "Rejestracja firmy w CEIDG, zezwolenia na sprzedaż alkoholu i podatki "
            "płacone przez przedsiębiorców."
        ),
    },
    {
        "slug": "srodowisko",
        "name": "Środowisko i przyroda",
        "description": "Usuwanie drzew i krzewów oraz inne sprawy z zakresu ochrony przyrody.",
    },
    {
        "slug": "drogi-i-transport",
        "name": "Drogi i transport",
        "description": "Zajęcie pasa drogowego dróg gminnych i sprawy związane z pojazdami.",
    },
    {
        "slug": "nieruchomosci",
        "name": "Nieruchomości i planowanie",
        "description": (
            "Wypisy i wyrysy z planu miejscowego, numery porządkowe budynków "
            "i sprawy właścicieli nieruchomości."
        ),
    },
]

LIFE_SITUATIONS: list[dict[str, str]] = [
    {"slug": "przeprowadzka", "name": "Przeprowadzam się"},
    {"slug": "zakup-nieruchomosci", "name": "Kupuję dom, mieszkanie lub działkę"},
    {"slug": "budowa-domu", "name": "Buduję dom"},
    {"slug": "zakladam-firme", "name": "Zakładam i prowadzę firmę"},
    {"slug": "zmiana-danych-osobowych", "name": "Zmieniam dane osobowe lub dokument"},
    {"slug": "klopoty-z-platnosciami", "name": "Mam kłopot z zapłatą podatku lub opłaty"},
]

# ---------------------------------------------------------------------------------------------
# Reusable channel snippets
# ---------------------------------------------------------------------------------------------

_EPUAP = {
    "kind": "epuap",
    "label": "Wyślij przez ePUAP (Profil Zaufany lub podpis kwalifikowany)",
    "url": "{epuap_form_url}",
}
_EDORECZENIA = {
    "kind": "edoreczenia",
    "label": "Wyślij na adres do e-Doręczeń urzędu",
    "url": "",
}
_IN_PERSON = {
    "kind": "in_person",
    "label": "Złóż w urzędzie – Biuro Obsługi Interesanta",
    "url": "",
}
_POST = {"kind": "post", "label": "Wyślij pocztą na adres urzędu", "url": ""}
_PORTAL_PAYMENTS = {
    "kind": "portal",
    "label": "Sprawdź należności i zapłać bez prowizji w e-Urzędzie",
    "url": "/konto/platnosci/",
}
_PORTAL_CASES = {
    "kind": "portal",
    "label": "Śledź stan swojej sprawy w e-Urzędzie",
    "url": "/konto/sprawy/",
}

_TAX_LAW = (
    "<li>Ustawa z dnia 12 stycznia 1991 r. o podatkach i opłatach lokalnych</li>"
    "<li>Ustawa z dnia 29 sierpnia 1997 r. – Ordynacja podatkowa</li>"
)

_POWER_OF_ATTORNEY_FEE = (
    "<p>Jeśli działasz przez pełnomocnika, zapłać <strong>17 zł</strong> opłaty skarbowej "
    "od pełnomocnictwa (nie płacą jej m.in. małżonek, rodzice, dzieci i rodzeństwo).</p>"
)

# ---------------------------------------------------------------------------------------------
# Service catalogue
# ---------------------------------------------------------------------------------------------

SERVICES: list[dict[str, Any]] = [
    {
        "title": "Deklaracja o wysokości opłaty za gospodarowanie odpadami komunalnymi",
        "slug": "deklaracja-oplata-za-odpady",
        "summary": (
            "Złóż deklarację, gdy zamieszkasz w nowym miejscu albo zmieni się liczba osób "
            "w domu – na jej podstawie ustalamy Twoją opłatę za odbiór odpadów."
        ),
        "purpose": (
            "<p>Opłatę za odbiór i zagospodarowanie odpadów komunalnych płaci właściciel "
            "nieruchomości, na której mieszkają ludzie. Wysokość opłaty wynika "
            "z <strong>deklaracji</strong> i ze stawki uchwalonej przez radę gminy.</p>"
            "<p>Deklarację składasz, gdy:</p>"
            "<ul><li>na nieruchomości zamieszka pierwszy mieszkaniec (np. po zakupie lub "
            "budowie domu),</li>"
            "<li>zmieni się liczba mieszkańców albo inne dane, od których zależy opłata,</li>"
            "<li>zaczniesz albo przestaniesz kompostować bioodpady w kompostowniku "
            "przydomowym – jeśli uchwała rady przewiduje za to częściowe zwolnienie.</li></ul>"
        ),
        "eligibility": (
            "<p>Właściciel nieruchomości, współwłaściciel, użytkownik wieczysty, zarządca "
            "lub inna osoba władająca nieruchomością. W budynkach wielolokalowych, "
            "w których działa wspólnota lub spółdzielnia mieszkaniowa, deklarację składa "
            "zarząd wspólnoty lub spółdzielnia.</p>"
        ),
        "documents": (
            "<ul><li>Deklaracja o wysokości opłaty za gospodarowanie odpadami komunalnymi "
            "na wzorze określonym uchwałą rady gminy.</li>"
            "<li>Pełnomocnictwo – jeśli deklarację składa pełnomocnik.</li></ul>"
        ),
        "fees": (
            "<p>Złożenie deklaracji jest bezpłatne. Samą opłatę za odpady obliczasz według "
            "stawki i metody określonych w uchwale rady gminy; terminy płatności także "
            "wynikają z uchwały. Zapłacisz ją bez prowizji w e-Urzędzie.</p>"
        ),
        "deadlines": (
            "<ul><li><strong>14 dni</strong> od dnia, w którym na nieruchomości zamieszkał "
            "pierwszy mieszkaniec – pierwsza deklaracja.</li>"
            "<li><strong>Do 10. dnia miesiąca</strong> następującego po miesiącu, w którym "
            "nastąpiła zmiana – nowa deklaracja po zmianie danych.</li></ul>"
            "<p>Urząd nie wydaje decyzji, jeśli deklaracja jest kompletna i zgodna ze stanem "
            "faktycznym. Gdy jej nie złożysz albo budzi wątpliwości, urząd określi opłatę "
            "w drodze decyzji.</p>"
        ),
        "channels": [_EPUAP, _EDORECZENIA, _IN_PERSON, _POST, _PORTAL_PAYMENTS],
        "legal_basis": (
            "<ul><li>Ustawa z dnia 13 września 1996 r. o utrzymaniu czystości i porządku "
            "w gminach (art. 6m i 6n)</li>"
            "<li>Ustawa z dnia 29 sierpnia 1997 r. – Ordynacja podatkowa</li>"
            "<li>Uchwały rady gminy w sprawie wzoru deklaracji, stawki opłaty i terminów "
            "płatności</li></ul>"
        ),
        "department": "Referat Gospodarki Odpadami – {office}",
        "categories": ["odpady", "podatki-i-oplaty"],
        "life_situations": ["przeprowadzka", "zakup-nieruchomosci", "budowa-domu"],
    },
    {
        "title": "Podatek od nieruchomości – informacja o nieruchomościach (IN-1)",
        "slug": "podatek-od-nieruchomosci-informacja-in-1",
        "summary": (
            "Jeśli jako osoba fizyczna kupisz, zbudujesz, sprzedasz lub odziedziczysz "
            "nieruchomość, złóż informację IN-1 – urząd wyliczy podatek w decyzji."
        ),
        "purpose": (
            "<p>Informacja IN-1 służy do zgłoszenia gruntów, budynków, lokali i budowli "
            "do opodatkowania podatkiem od nieruchomości (a także do jego korekty lub "
            "wygaszenia). Na jej podstawie urząd wydaje <strong>decyzję ustalającą</strong> "
            "wysokość podatku na dany rok.</p>"
            "<p>Złóż informację m.in. po zakupie mieszkania, otrzymaniu spadku lub "
            "darowizny, zakończeniu budowy domu, sprzedaży nieruchomości albo zmianie "
            "sposobu jej wykorzystania (np. rozpoczęciu w niej działalności "
            "gospodarczej).</p>"
        ),
        "eligibility": (
            "<p>Osoby fizyczne – właściciele, posiadacze samoistni, użytkownicy wieczyści "
            "i posiadacze nieruchomości gminy lub Skarbu Państwa. Jeśli nieruchomość "
            "należy wspólnie do Ciebie i osoby prawnej lub spółki, składasz deklarację "
            "DN-1, a nie IN-1.</p>"
        ),
        "documents": (
            "<ul><li>Informacja o nieruchomościach i obiektach budowlanych IN-1 "
            "(wzór jest jednolity dla całego kraju).</li>"
            "<li>Załączniki: ZIN-1 (nieruchomości opodatkowane), ZIN-2 (zwolnione), "
            "ZIN-3 (dane pozostałych podatników, np. współwłaścicieli) – jeśli dotyczą.</li>"
            "<li>Do wglądu lub w kopii: akt notarialny, postanowienie o nabyciu spadku, "
            "zawiadomienie o zakończeniu budowy – jeśli urząd o nie poprosi.</li></ul>"
        ),
        "fees": (
            "<p>Złożenie informacji jest bezpłatne. Podatek płacisz w kwocie z decyzji "
            "według stawek z uchwały rady gminy.</p>" + _POWER_OF_ATTORNEY_FEE
        ),
        "deadlines": (
            "<ul><li><strong>14 dni</strong> od zdarzenia, które powoduje powstanie, zmianę "
            "lub wygaśnięcie obowiązku podatkowego – złożenie IN-1.</li>"
            "<li>Podatek płacisz w czterech ratach: do <strong>15 marca, 15 maja, "
            "15 września i 15 listopada</strong>. Jeśli roczny podatek nie przekracza "
            "100 zł, płacisz go jednorazowo do 15 marca.</li></ul>"
            "<p>Urząd wydaje decyzję bez zbędnej zwłoki – w sprawach wymagających "
            "wyjaśnień nie później niż w ciągu miesiąca, a w szczególnie "
            "skomplikowanych w ciągu dwóch miesięcy.</p>"
        ),
        "channels": [_EPUAP, _EDORECZENIA, _IN_PERSON, _POST, _PORTAL_PAYMENTS],
        "legal_basis": "<ul>"
        + _TAX_LAW
        + (
            "<li>Rozporządzenie Ministra Finansów w sprawie wzorów formularzy informacji "
            "i deklaracji na podatek od nieruchomości</li></ul>"
        ),
        "department": "Referat Podatków i Opłat – {office}",
        "categories": ["podatki-i-oplaty", "nieruchomosci"],
        "life_situations": ["zakup-nieruchomosci", "budowa-domu"],
    },
    {
        "title": "Podatek od nieruchomości – deklaracja (DN-1) dla firm i instytucji",
        "slug": "podatek-od-nieruchomosci-deklaracja-dn-1",
        "summary": (
            "Osoby prawne, spółki i inne jednostki co roku same obliczają podatek "
            "od nieruchomości w deklaracji DN-1 i wpłacają go w ratach miesięcznych."
        ),
        "purpose": (
            "<p>W deklaracji DN-1 wykazujesz grunty, budynki i budowle położone na terenie "
            "gminy oraz <strong>sam obliczasz</strong> należny podatek według stawek "
            "z uchwały rady gminy. Urząd nie wydaje decyzji, chyba że deklaracja jest "
            "błędna lub jej brakuje.</p>"
        ),
        "eligibility": (
            "<ul><li>Osoby prawne, jednostki organizacyjne i spółki nieposiadające "
            "osobowości prawnej.</li>"
            "<li>Osoby fizyczne, które są współwłaścicielami lub współposiadaczami "
            "nieruchomości razem z takimi podmiotami.</li></ul>"
        ),
        "documents": (
            "<ul><li>Deklaracja na podatek od nieruchomości DN-1.</li>"
            "<li>Załączniki ZDN-1 (nieruchomości opodatkowane) i ZDN-2 (zwolnione) – "
            "jeśli dotyczą.</li>"
            "<li>Dokument potwierdzający umocowanie osoby podpisującej deklarację, jeśli "
            "nie wynika z rejestru (np. pełnomocnictwo).</li></ul>"
        ),
        "fees": (
            "<p>Złożenie deklaracji jest bezpłatne. Podatek obliczasz według stawek "
            "obowiązujących w gminie w danym roku.</p>" + _POWER_OF_ATTORNEY_FEE
        ),
        "deadlines": (
            "<ul><li>Deklarację składasz do <strong>31 stycznia</strong> każdego roku, "
            "a gdy obowiązek podatkowy powstał później – w ciągu <strong>14 dni</strong> "
            "od zdarzenia. Korektę składasz w ciągu 14 dni od zmiany.</li>"
            "<li>Podatek wpłacasz w ratach miesięcznych do <strong>15. dnia</strong> "
            "każdego miesiąca, a za styczeń – do <strong>31 stycznia</strong>.</li></ul>"
        ),
        "channels": [_EPUAP, _EDORECZENIA, _IN_PERSON, _POST, _PORTAL_PAYMENTS],
        "legal_basis": "<ul>"
        + _TAX_LAW
        + (
            "<li>Rozporządzenie Ministra Finansów w sprawie wzorów formularzy informacji "
            "i deklaracji na podatek od nieruchomości</li></ul>"
        ),
        "department": "Referat Podatków i Opłat – {office}",
        "categories": ["podatki-i-oplaty", "nieruchomosci", "dzialalnosc-gospodarcza"],
        "life_situations": ["zakladam-firme", "zakup-nieruchomosci"],
    },
    {
        "title": "Podatek rolny i leśny – informacja o gruntach (IR-1) i o lasach (IL-1)",
        "slug": "podatek-rolny-i-lesny-informacja",
        "summary": (
            "Jeśli masz grunty rolne lub las, zgłoś je do opodatkowania w informacji IR-1 "
            "albo IL-1 – podatek ustali urząd w decyzji."
        ),
        "purpose": (
            "<p><strong>Podatek rolny</strong> płaci się od gruntów sklasyfikowanych "
            "w ewidencji gruntów i budynków jako użytki rolne (z wyjątkiem zajętych "
            "na działalność gospodarczą inną niż rolnicza). <strong>Podatek leśny</strong> "
            "płaci się od lasów. Osoby fizyczne zgłaszają takie grunty w informacji, "
            "a urząd wydaje decyzję – dla nieruchomości, rolnego i leśnego zwykle jedną, "
            "łączną.</p>"
            "<p>Złóż informację także wtedy, gdy chcesz skorzystać z ulgi lub zwolnienia "
            "(np. po nabyciu gruntów na utworzenie lub powiększenie gospodarstwa).</p>"
        ),
        "eligibility": (
            "<p>Osoby fizyczne będące właścicielami, posiadaczami samoistnymi, użytkownikami "
            "wieczystymi lub posiadaczami gruntów rolnych albo lasów. Osoby prawne i inne "
            "jednostki składają deklaracje DR-1 i DL-1.</p>"
        ),
        "documents": (
            "<ul><li>Informacja o gruntach IR-1 z załącznikami ZIR-1, ZIR-2, ZIR-3 – "
            "dla podatku rolnego.</li>"
            "<li>Informacja o lasach IL-1 z załącznikami ZIL-1, ZIL-2, ZIL-3 – "
            "dla podatku leśnego.</li>"
            "<li>Dokumenty potwierdzające prawo do ulgi lub zwolnienia (np. akt "
            "notarialny, umowa dzierżawy) – jeśli z niej korzystasz.</li></ul>"
        ),
        "fees": (
            "<p>Złożenie informacji jest bezpłatne. Podatek rolny zależy od liczby hektarów "
            "przeliczeniowych lub fizycznych i ceny skupu żyta, a leśny – od ceny "
            "sprzedaży drewna; rada gminy może te ceny obniżyć uchwałą.</p>"
        ),
        "deadlines": (
            "<ul><li><strong>14 dni</strong> od zdarzenia, które powoduje powstanie, zmianę "
            "lub wygaśnięcie obowiązku podatkowego.</li>"
            "<li>Raty: do <strong>15 marca, 15 maja, 15 września i 15 listopada</strong>; "
            "gdy łączny roczny podatek nie przekracza 100 zł – jednorazowo "
            "do 15 marca.</li></ul>"
        ),
        "channels": [_EPUAP, _EDORECZENIA, _IN_PERSON, _POST, _PORTAL_PAYMENTS],
        "legal_basis": (
            "<ul><li>Ustawa z dnia 15 listopada 1984 r. o podatku rolnym</li>"
            "<li>Ustawa z dnia 30 października 2002 r. o podatku leśnym</li>"
            "<li>Ustawa z dnia 29 sierpnia 1997 r. – Ordynacja podatkowa</li></ul>"
        ),
        "department": "Referat Podatków i Opłat – {office}",
        "categories": ["podatki-i-oplaty", "nieruchomosci"],
        "life_situations": ["zakup-nieruchomosci"],
    },
    {
        "title": "Podatek od środków transportowych – deklaracja DT-1",
        "slug": "podatek-od-srodkow-transportowych",
        "summary": (
            "Właściciele ciężarówek od 3,5 t, ciągników siodłowych i balastowych, "
            "cięższych przyczep i naczep oraz autobusów składają deklarację DT-1."
        ),
        "purpose": (
            "<p>Podatek od środków transportowych obejmuje m.in.:</p>"
            "<ul><li>samochody ciężarowe o dopuszczalnej masie całkowitej od 3,5 tony,</li>"
            "<li>ciągniki siodłowe i balastowe przystosowane do używania z naczepą "
            "lub przyczepą o dopuszczalnej masie całkowitej zespołu pojazdów "
            "od 3,5 tony,</li>"
            "<li>przyczepy i naczepy, które łącznie z pojazdem silnikowym mają "
            "dopuszczalną masę całkowitą od 7 ton (z wyjątkiem związanych wyłącznie "
            "z działalnością rolniczą prowadzoną przez podatnika podatku rolnego),</li>"
            "<li>autobusy.</li></ul>"
            "<p>Podatek obliczasz sam w deklaracji według stawek z uchwały rady gminy.</p>"
        ),
        "eligibility": (
            "<p>Właściciele pojazdów (osoby fizyczne, firmy i instytucje), a także "
            "posiadacze pojazdów zarejestrowanych w Polsce, które powierzył im podmiot "
            "zagraniczny. Deklarację składasz w gminie, w której masz miejsce zamieszkania "
            "albo siedzibę.</p>"
        ),
        "documents": (
            "<ul><li>Deklaracja na podatek od środków transportowych DT-1.</li>"
            "<li>Załącznik DT-1/A – dane o każdym pojeździe.</li>"
            "<li>Przy pierwszej deklaracji lub zmianie – kopia dowodu rejestracyjnego "
            "do wglądu, jeśli urząd o nią poprosi.</li></ul>"
        ),
        "fees": (
            "<p>Złożenie deklaracji jest bezpłatne. Stawki podatku określa uchwała rady "
            "gminy w granicach ustawowych.</p>"
        ),
        "deadlines": (
            "<ul><li>Deklaracja: do <strong>15 lutego</strong> każdego roku, a gdy obowiązek "
            "powstał później – w ciągu <strong>14 dni</strong> od jego powstania.</li>"
            "<li>Podatek: dwie raty, do <strong>15 lutego</strong> i do "
            "<strong>15 września</strong>.</li>"
            "<li>Obowiązek podatkowy powstaje od pierwszego dnia miesiąca po miesiącu, "
            "w którym zarejestrowano pojazd, a wygasa z końcem miesiąca, w którym "
            "pojazd sprzedano lub wyrejestrowano.</li></ul>"
        ),
        "channels": [_EPUAP, _EDORECZENIA, _IN_PERSON, _POST, _PORTAL_PAYMENTS],
        "legal_basis": "<ul>" + _TAX_LAW + "</ul>",
        "department": "Referat Podatków i Opłat – {office}",
        "categories": ["podatki-i-oplaty", "drogi-i-transport", "dzialalnosc-gospodarcza"],
        "life_situations": ["zakladam-firme"],
    },
    {
        "title": "Zezwolenie na sprzedaż napojów alkoholowych",
        "slug": "zezwolenie-na-sprzedaz-alkoholu",
        "summary": (
            "Sklep, restauracja lub bar mogą sprzedawać alkohol tylko na podstawie "
            "zezwolenia – osobnego dla każdego punktu i każdego rodzaju napojów."
        ),
        "purpose": (
            "<p>Zezwolenie wydaje się oddzielnie na sprzedaż napojów:</p>"
            "<ul><li><strong>A</strong> – do 4,5% alkoholu oraz piwa,</li>"
            "<li><strong>B</strong> – powyżej 4,5% do 18% alkoholu (z wyjątkiem piwa),</li>"
            "<li><strong>C</strong> – powyżej 18% alkoholu.</li></ul>"
            "<p>Osobno wydaje się zezwolenia na sprzedaż do spożycia w miejscu sprzedaży "
            "(gastronomia) i poza nim (sklep). Lokalizacja punktu musi być zgodna "
            "z uchwałami rady gminy o liczbie zezwoleń i zasadach usytuowania miejsc "
            "sprzedaży – ocenia to gminna komisja rozwiązywania problemów "
            "alkoholowych.</p>"
            "<p>Przedsiębiorcy, którzy już mają zezwolenie, zobaczą je w e-Urzędzie "
            "razem z ratami opłaty za korzystanie z zezwolenia.</p>"
        ),
        "eligibility": (
            "<p>Przedsiębiorca wpisany do CEIDG lub KRS, który ma tytuł prawny do lokalu "
            "stanowiącego punkt sprzedaży.</p>"
        ),
        "documents": (
            "<ul><li>Wniosek o wydanie zezwolenia (osobno dla każdego rodzaju "
            "napojów).</li>"
            "<li>Dokument potwierdzający tytuł prawny do lokalu (np. umowa najmu).</li>"
            "<li>Pisemna zgoda właściciela, użytkownika, zarządcy lub administratora "
            "budynku – jeśli punkt jest w budynku mieszkalnym wielorodzinnym.</li>"
            "<li>Decyzja państwowego powiatowego inspektora sanitarnego o zatwierdzeniu "
            "zakładu.</li>"
            "<li>Pełnomocnictwo z dowodem zapłaty opłaty skarbowej – jeśli działa "
            "pełnomocnik.</li></ul>"
        ),
        "fees": (
            "<p>Za korzystanie z zezwolenia płacisz co roku opłatę na rachunek gminy. "
            "Opłata podstawowa wynosi:</p>"
            "<ul><li><strong>525 zł</strong> – zezwolenie A,</li>"
            "<li><strong>525 zł</strong> – zezwolenie B,</li>"
            "<li><strong>2100 zł</strong> – zezwolenie C.</li></ul>"
            "<p>Jeśli roczna wartość sprzedaży w poprzednim roku przekroczyła "
            "37 500 zł (A i B) lub 77 000 zł (C), opłata wynosi odpowiednio 1,4% "
            "albo 2,7% tej wartości. W roku wydania zezwolenia płacisz opłatę "
            "proporcjonalną do okresu jego ważności.</p>"
        ),
        "deadlines": (
            "<ul><li>Urząd rozpatruje wniosek bez zbędnej zwłoki – nie później niż "
            "w ciągu miesiąca, a w sprawie szczególnie skomplikowanej w ciągu "
            "dwóch miesięcy.</li>"
            "<li>Do <strong>31 stycznia</strong> każdego roku składasz oświadczenie "
            "o wartości sprzedaży w poprzednim roku.</li>"
            "<li>Opłatę wnosisz jednorazowo do 31 stycznia albo w trzech równych "
            "ratach: do <strong>31 stycznia, 31 maja i 30 września</strong>.</li></ul>"
        ),
        "channels": [
            _EPUAP,
            _EDORECZENIA,
            _IN_PERSON,
            _POST,
            {
                "kind": "external",
                "label": "Opis procedury i wniosek online w serwisie Biznes.gov.pl",
                "url": "https://www.biznes.gov.pl/pl/opisy-procedur/-/proc/280",
            },
        ],
        "legal_basis": (
            "<ul><li>Ustawa z dnia 26 października 1982 r. o wychowaniu w trzeźwości "
            "i przeciwdziałaniu alkoholizmowi (art. 11<sup>1</sup> i art. 18)</li>"
            "<li>Ustawa z dnia 14 czerwca 1960 r. – Kodeks postępowania "
            "administracyjnego</li>"
            "<li>Uchwały rady gminy o maksymalnej liczbie zezwoleń oraz zasadach "
            "usytuowania miejsc sprzedaży napojów alkoholowych</li></ul>"
        ),
        "department": "Referat Działalności Gospodarczej i Zezwoleń – {office}",
        "categories": ["dzialalnosc-gospodarcza"],
        "life_situations": ["zakladam-firme"],
    },
    {
        "title": "Zameldowanie na pobyt stały lub czasowy",
        "slug": "zameldowanie",
        "summary": (
            "Zamelduj się najpóźniej w 30. dniu od przeprowadzki – w urzędzie albo "
            "przez internet. Zameldowanie jest bezpłatne."
        ),
        "purpose": (
            "<p>Zameldowanie potwierdza, gdzie mieszkasz. Na pobyt stały meldujesz się "
            "tam, gdzie mieszkasz na stałe; na pobyt czasowy – tam, gdzie mieszkasz "
            "tymczasowo, bez zmiany miejsca pobytu stałego. Możesz mieć jednocześnie "
            "jedno miejsce pobytu stałego i jedno czasowego.</p>"
            "<p>Meldując się na pobyt stały, możesz w tym samym zgłoszeniu wymeldować się "
            "z poprzedniego adresu.</p>"
        ),
        "eligibility": (
            "<p>Każda osoba mieszkająca w Polsce. Dziecko do 13 lat i osobę "
            "ubezwłasnowolnioną melduje rodzic, opiekun prawny albo opiekun faktyczny. "
            "Możesz też działać przez pełnomocnika.</p>"
        ),
        "documents": (
            "<ul><li>Formularz zgłoszenia pobytu stałego albo czasowego.</li>"
            "<li>Dowód osobisty lub paszport – do wglądu.</li>"
            "<li>Dokument potwierdzający tytuł prawny do lokalu (np. akt notarialny, "
            "umowa najmu, wypis z księgi wieczystej) – do wglądu; albo potwierdzenie "
            "Twojego pobytu na formularzu przez właściciela lokalu.</li>"
            "<li>Przez internet: skan tytułu prawnego do lokalu albo oświadczenie "
            "właściciela potwierdzające Twój pobyt.</li></ul>"
        ),
        "fees": (
            "<p>Zameldowanie jest <strong>bezpłatne</strong>. Zaświadczenie o zameldowaniu "
            "na pobyt czasowy kosztuje 17 zł opłaty skarbowej.</p>"
        ),
        "deadlines": (
            "<ul><li>Zamelduj się <strong>najpóźniej w 30. dniu</strong> od dnia przybycia "
            "do nowego miejsca.</li>"
            "<li>W urzędzie zameldujemy Cię od razu, w trakcie wizyty. Zgłoszenie "
            "elektroniczne rozpatrujemy bez zbędnej zwłoki i informujemy Cię "
            "o zameldowaniu.</li></ul>"
        ),
        "channels": [
            _IN_PERSON,
            _EPUAP,
            {
                "kind": "external",
                "label": "E-meldunek w serwisie gov.pl (Profil Zaufany, e-dowód)",
                "url": (
                    "https://www.gov.pl/web/gov/"
                    "zamelduj-sie-na-pobyt-staly-lub-czasowy-dluzszy-niz-3-miesiace"
                ),
            },
        ],
        "legal_basis": (
            "<ul><li>Ustawa z dnia 24 września 2010 r. o ewidencji ludności "
            "(art. 27 i 28)</li>"
            "<li>Ustawa z dnia 16 listopada 2006 r. o opłacie skarbowej</li></ul>"
        ),
        "department": "Ewidencja Ludności i Dowody Osobiste – {office}",
        "categories": ["meldunek-i-dokumenty"],
        "life_situations": ["przeprowadzka", "zakup-nieruchomosci"],
    },
    {
        "title": "Wymeldowanie z pobytu stałego lub czasowego",
        "slug": "wymeldowanie",
        "summary": (
            "Wymeldujesz się w urzędzie gminy dotychczasowego adresu, przez internet "
            "albo przy okazji zameldowania w nowym miejscu. To nic nie kosztuje."
        ),
        "purpose": (
            "<p>Osoba, która opuszcza miejsce pobytu stałego albo opuszcza miejsce "
            "pobytu czasowego przed zgłoszonym terminem, powinna się wymeldować. "
            "Najprościej zrobić to razem z zameldowaniem w nowym miejscu.</p>"
            "<p>Jeśli ktoś wyprowadził się na stałe i się nie wymeldował, właściciel "
            "lokalu może złożyć wniosek o <strong>wymeldowanie w drodze decyzji</strong>. "
            "Urząd prowadzi wtedy postępowanie wyjaśniające.</p>"
        ),
        "eligibility": (
            "<p>Osoba, która się wyprowadza (lub jej przedstawiciel ustawowy "
            "albo pełnomocnik). Wniosek o wymeldowanie innej osoby może złożyć "
            "właściciel lub inny podmiot mający tytuł prawny do lokalu.</p>"
        ),
        "documents": (
            "<ul><li>Formularz zgłoszenia wymeldowania z miejsca pobytu stałego "
            "albo czasowego.</li>"
            "<li>Dowód osobisty lub paszport – do wglądu.</li>"
            "<li>Przy wniosku o wymeldowanie innej osoby: wniosek z uzasadnieniem "
            "i dokument potwierdzający tytuł prawny do lokalu.</li></ul>"
        ),
        "fees": (
            "<p>Wymeldowanie jest <strong>bezpłatne</strong>. Decyzja o wymeldowaniu innej "
            "osoby, wydana na wniosek właściciela lokalu, kosztuje <strong>10 zł</strong> "
            "opłaty skarbowej.</p>" + _POWER_OF_ATTORNEY_FEE
        ),
        "deadlines": (
            "<ul><li>Wymelduj się najpóźniej w dniu wyprowadzki.</li>"
            "<li>Zgłoszenie w urzędzie realizujemy od ręki. Postępowanie w sprawie "
            "wymeldowania w drodze decyzji trwa zwykle do dwóch miesięcy, bo wymaga "
            "ustalenia faktów (np. przesłuchania świadków).</li></ul>"
        ),
        "channels": [_IN_PERSON, _EPUAP, _EDORECZENIA, _POST],
        "legal_basis": (
            "<ul><li>Ustawa z dnia 24 września 2010 r. o ewidencji ludności "
            "(art. 33–35)</li>"
            "<li>Ustawa z dnia 14 czerwca 1960 r. – Kodeks postępowania "
            "administracyjnego</li>"
            "<li>Ustawa z dnia 16 listopada 2006 r. o opłacie skarbowej</li></ul>"
        ),
        "department": "Ewidencja Ludności i Dowody Osobiste – {office}",
        "categories": ["meldunek-i-dokumenty"],
        "life_situations": ["przeprowadzka"],
    },
    {
        "title": "Dowód osobisty – wniosek o wydanie",
        "slug": "dowod-osobisty",
        "summary": (
            "Wniosek o dowód złożysz w dowolnym urzędzie gminy. Dowód jest bezpłatny "
            "i będzie gotowy najpóźniej w ciągu 30 dni."
        ),
        "purpose": (
            "<p>Złóż wniosek, gdy:</p>"
            "<ul><li>kończysz 18 lat,</li>"
            "<li>Twój dowód traci ważność – najlepiej co najmniej 30 dni wcześniej,</li>"
            "<li>zmieniły się Twoje dane (np. nazwisko po ślubie) lub wygląd,</li>"
            "<li>dowód zgubiłeś, został zniszczony lub skradziony.</li></ul>"
            "<p>Zmiana adresu zameldowania <strong>nie wymaga</strong> wymiany dowodu. "
            "Od osób, które ukończyły 12 lat, urzędnik pobiera odciski palców – dlatego "
            "taki wniosek składa się osobiście. Wniosek dla dziecka do 12 lat rodzic może "
            "złożyć także przez internet.</p>"
        ),
        "eligibility": (
            "<p>Każdy obywatel Polski. Pełnoletni obywatel mieszkający w Polsce musi mieć "
            "dowód osobisty. Wniosek za dziecko składa rodzic, opiekun prawny "
            "lub kurator.</p>"
        ),
        "documents": (
            "<ul><li>Wniosek o wydanie dowodu osobistego (urzędnik może go wypełnić "
            "za Ciebie).</li>"
            "<li>Jedno aktualne, kolorowe zdjęcie wykonane nie wcześniej niż 6 miesięcy "
            "przed złożeniem wniosku.</li>"
            "<li>Dotychczasowy dowód osobisty lub paszport – jeśli go masz.</li></ul>"
        ),
        "fees": "<p>Wydanie dowodu osobistego jest <strong>bezpłatne</strong>.</p>",
        "deadlines": (
            "<ul><li>Dowód będzie gotowy <strong>najpóźniej w ciągu 30 dni</strong> od "
            "złożenia wniosku; w szczególnych przypadkach termin może się wydłużyć – "
            "wtedy Cię o tym poinformujemy.</li>"
            "<li>Dowód odbierasz osobiście w urzędzie, w którym złożyłeś wniosek. "
            "Dowód wydany osobie, która ukończyła 12 lat, jest ważny 10 lat, a dziecku "
            "poniżej 12 lat – 5 lat.</li></ul>"
        ),
        "channels": [
            _IN_PERSON,
            {
                "kind": "external",
                "label": "Informacje i wniosek dla dziecka do 12 lat w serwisie gov.pl",
                "url": "https://www.gov.pl/web/gov/uzyskaj-dowod-osobisty",
            },
        ],
        "legal_basis": (
            "<ul><li>Ustawa z dnia 6 sierpnia 2010 r. o dowodach osobistych</li>"
            "<li>Rozporządzenie Ministra Spraw Wewnętrznych i Administracji z dnia "
            "5 października 2021 r. w sprawie wzoru dowodu osobistego, jego wydawania "
            "i odbioru oraz utraty, uszkodzenia, unieważnienia i zwrotu</li></ul>"
        ),
        "department": "Ewidencja Ludności i Dowody Osobiste – {office}",
        "categories": ["meldunek-i-dokumenty"],
        "life_situations": ["zmiana-danych-osobowych"],
    },
    {
        "title": "Wpis do CEIDG – rejestracja jednoosobowej działalności gospodarczej",
        "slug": "wpis-do-ceidg",
        "summary": (
            "Firmę założysz bezpłatnie przez internet w Biznes.gov.pl albo w dowolnym "
            "urzędzie gminy – pomożemy Ci wypełnić wniosek CEIDG-1."
        ),
        "purpose": (
            "<p>Wniosek CEIDG-1 służy do założenia jednoosobowej działalności "
            "gospodarczej oraz do zmiany wpisu, zawieszenia, wznowienia i zamknięcia "
            "firmy. Jest jednocześnie zgłoszeniem do urzędu skarbowego (NIP), "
            "do rejestru REGON oraz do ZUS albo KRUS.</p>"
            "<p>Centralną ewidencję prowadzi minister właściwy do spraw gospodarki; "
            "urząd gminy przyjmuje papierowe wnioski i pomaga je wypełnić. Dane firm "
            "sprawdzisz w wyszukiwarce CEIDG.</p>"
        ),
        "eligibility": (
            "<p>Pełnoletni obywatel Polski lub innego państwa UE/EOG, a także cudzoziemiec "
            "uprawniony do prowadzenia działalności w Polsce. Spółki rejestrują się "
            "w Krajowym Rejestrze Sądowym, nie w CEIDG.</p>"
        ),
        "documents": (
            "<ul><li>Wniosek CEIDG-1.</li>"
            "<li>Dowód osobisty lub paszport – do wglądu przy składaniu wniosku "
            "w urzędzie.</li>"
            "<li>Cudzoziemcy: dokument potwierdzający prawo do prowadzenia działalności "
            "w Polsce.</li></ul>"
        ),
        "fees": "<p>Wpis do CEIDG jest <strong>bezpłatny</strong>.</p>",
        "deadlines": (
            "<ul><li>Wniosek złożony w urzędzie gminy przekształcamy na postać "
            "elektroniczną i przesyłamy do CEIDG <strong>nie później niż następnego "
            "dnia roboczego</strong>.</li>"
            "<li>Działalność możesz rozpocząć w dniu złożenia wniosku albo w dniu "
            "w nim wskazanym.</li>"
            "<li>Zmianę danych zgłaszasz w ciągu 7 dni od dnia zmiany.</li></ul>"
            "<p>Wniosek wysłany pocztą musi mieć podpis poświadczony przez "
            "notariusza.</p>"
        ),
        "channels": [
            {
                "kind": "external",
                "label": "Zarejestruj firmę online w serwisie Biznes.gov.pl",
                "url": "https://www.biznes.gov.pl/",
            },
            {
                "kind": "external",
                "label": "Wyszukiwarka firm CEIDG",
                "url": "https://www.biznes.gov.pl/pl/wyszukiwarka-firm/",
            },
            _IN_PERSON,
            _POST,
        ],
        "legal_basis": (
            "<ul><li>Ustawa z dnia 6 marca 2018 r. o Centralnej Ewidencji i Informacji "
            "o Działalności Gospodarczej i Punkcie Informacji dla Przedsiębiorcy</li>"
            "<li>Ustawa z dnia 6 marca 2018 r. – Prawo przedsiębiorców</li></ul>"
        ),
        "department": "Referat Działalności Gospodarczej i Zezwoleń – {office}",
        "categories": ["dzialalnosc-gospodarcza"],
        "life_situations": ["zakladam-firme"],
    },
    {
        "title": "Zezwolenie na usunięcie drzew lub krzewów",
        "slug": "zezwolenie-na-usuniecie-drzew",
        "summary": (
            "Sprawdź, czy na wycinkę potrzebujesz zezwolenia, zgłoszenia, czy żadnej "
            "zgody – i złóż odpowiedni wniosek."
        ),
        "purpose": (
            "<p>Zasadą jest, że drzewa i krzewy usuwa się po uzyskaniu "
            "<strong>zezwolenia</strong> wójta, burmistrza lub prezydenta miasta.</p>"
            "<p><strong>Osoba fizyczna</strong>, która usuwa drzewa z własnej nieruchomości "
            "na cele niezwiązane z działalnością gospodarczą, zamiast wniosku składa "
            "<strong>zgłoszenie</strong>, jeśli obwód pnia na wysokości 5 cm przekracza:</p>"
            "<ul><li>80 cm – topole, wierzby, klon jesionolistny i klon srebrzysty,</li>"
            "<li>65 cm – kasztanowiec zwyczajny, robinia akacjowa, platan klonolistny,</li>"
            "<li>50 cm – pozostałe gatunki.</li></ul>"
            "<p>Mniejsze drzewa, krzewy w skupisku do 25 m² i drzewa owocowe "
            "(poza nieruchomościami zabytkowymi i terenami zieleni) można co do zasady "
            "usunąć bez zgody. Na nieruchomości wpisanej do rejestru zabytków "
            "zezwolenie wydaje wojewódzki konserwator zabytków.</p>"
        ),
        "eligibility": (
            "<p>Posiadacz nieruchomości za zgodą jej właściciela, właściciel urządzeń "
            "(np. linii energetycznej), a w budynkach wielolokalowych – wspólnota "
            "lub spółdzielnia mieszkaniowa.</p>"
        ),
        "documents": (
            "<ul><li>Wniosek o zezwolenie (z nazwą gatunku, obwodem pnia mierzonym "
            "na wysokości 130 cm, przyczyną i terminem usunięcia) albo zgłoszenie "
            "zamiaru usunięcia drzewa.</li>"
            "<li>Rysunek lub mapka z położeniem drzew lub krzewów względem granic "
            "nieruchomości i budynków.</li>"
            "<li>Zgoda właściciela nieruchomości – jeśli nie jesteś właścicielem.</li>"
            "<li>Projekt nasadzeń zastępczych lub przesadzenia – jeśli je planujesz.</li>"
            "</ul>"
        ),
        "fees": (
            "<p>Wniosek i zezwolenie nie podlegają opłacie skarbowej. W zezwoleniu urząd "
            "może naliczyć opłatę za usunięcie drzew, chyba że przepisy Cię z niej "
            "zwalniają, albo uzależnić zezwolenie od nasadzeń zastępczych. Usunięcie "
            "drzewa bez wymaganej zgody grozi administracyjną karą pieniężną.</p>"
        ),
        "deadlines": (
            "<ul><li><strong>Zezwolenie</strong>: decyzja bez zbędnej zwłoki, nie później "
            "niż w ciągu miesiąca, a w sprawie szczególnie skomplikowanej – dwóch "
            "miesięcy; zwykle po oględzinach w terenie.</li>"
            "<li><strong>Zgłoszenie</strong>: urząd przeprowadza oględziny w ciągu "
            "14 dni od doręczenia zgłoszenia, a potem ma 14 dni na ewentualny sprzeciw. "
            "Jeśli go nie wniesie, możesz usunąć drzewo – w ciągu 6 miesięcy "
            "od oględzin.</li></ul>"
        ),
        "channels": [_EPUAP, _EDORECZENIA, _IN_PERSON, _POST, _PORTAL_CASES],
        "legal_basis": (
            "<ul><li>Ustawa z dnia 16 kwietnia 2004 r. o ochronie przyrody "
            "(art. 83–90)</li>"
            "<li>Ustawa z dnia 14 czerwca 1960 r. – Kodeks postępowania "
            "administracyjnego</li></ul>"
        ),
        "department": "Referat Ochrony Środowiska – {office}",
        "categories": ["srodowisko", "nieruchomosci"],
        "life_situations": ["budowa-domu", "zakup-nieruchomosci"],
    },
    {
        "title": "Zezwolenie na zajęcie pasa drogowego drogi gminnej",
        "slug": "zajecie-pasa-drogowego",
        "summary": (
            "Roboty w drodze lub na chodniku, rusztowanie, kontener, ogródek "
            "gastronomiczny, reklama albo przyłącze w drodze gminnej wymagają "
            "zezwolenia zarządcy drogi."
        ),
        "purpose": (
            "<p>Zezwolenie jest potrzebne, gdy chcesz w pasie drogi gminnej, na cele "
            "niezwiązane z jej budową i utrzymaniem:</p>"
            "<ul><li>prowadzić roboty (np. wykonać przyłącze wody lub kanalizacji),</li>"
            "<li>umieścić urządzenia infrastruktury technicznej,</li>"
            "<li>umieścić obiekty budowlane lub reklamy,</li>"
            "<li>zająć pas drogowy na wyłączność w innym celu (np. kontener na gruz, "
            "rusztowanie, ogródek gastronomiczny).</li></ul>"
            "<p>Zarządcą dróg gminnych jest wójt, burmistrz lub prezydent miasta. "
            "Dla dróg powiatowych, wojewódzkich i krajowych zwróć się do ich "
            "zarządców.</p>"
        ),
        "eligibility": (
            "<p>Osoby fizyczne, firmy i instytucje – np. inwestor, wykonawca robót "
            "działający w jego imieniu albo przedsiębiorca prowadzący ogródek "
            "gastronomiczny.</p>"
        ),
        "documents": (
            "<ul><li>Wniosek o zezwolenie na zajęcie pasa drogowego (z celem, okresem "
            "i powierzchnią zajęcia).</li>"
            "<li>Plan sytuacyjny z zaznaczoną zajmowaną powierzchnią.</li>"
            "<li>Zatwierdzony projekt organizacji ruchu albo informacja o sposobie "
            "zabezpieczenia robót – gdy zajęcie wpływa na ruch.</li>"
            "<li>Harmonogram robót – przy robotach w pasie drogowym.</li>"
            "<li>Pełnomocnictwo – jeśli działa pełnomocnik.</li></ul>"
        ),
        "fees": (
            "<p>Za zajęcie pasa drogowego płacisz opłatę ustaloną w decyzji – zależy "
            "od powierzchni, liczby dni i celu zajęcia, według stawek z uchwały rady "
            "gminy. Zajęcie pasa bez zezwolenia lub dłużej niż pozwala decyzja grozi "
            "karą pieniężną w wysokości dziesięciokrotności należnej opłaty.</p>"
            + _POWER_OF_ATTORNEY_FEE
        ),
        "deadlines": (
            "<ul><li>Złóż wniosek z wyprzedzeniem – przed planowanym terminem zajęcia, "
            "tak by zdążyć uzgodnić organizację ruchu.</li>"
            "<li>Decyzję wydajemy bez zbędnej zwłoki, nie później niż w ciągu miesiąca, "
            "a w sprawie szczególnie skomplikowanej – dwóch miesięcy.</li>"
            "<li>Po zakończeniu zajęcia przywróć pas drogowy do stanu poprzedniego "
            "i zgłoś jego odbiór.</li></ul>"
        ),
        "channels": [
            _EPUAP,
            _EDORECZENIA,
            _IN_PERSON,
            _POST,
            {
                "kind": "external",
                "label": "Opis procedury w serwisie Biznes.gov.pl",
                "url": "https://www.biznes.gov.pl/pl/opisy-procedur/-/proc/341",
            },
        ],
        "legal_basis": (
            "<ul><li>Ustawa z dnia 21 marca 1985 r. o drogach publicznych (art. 40)</li>"
            "<li>Rozporządzenie Rady Ministrów z dnia 1 czerwca 2004 r. w sprawie "
            "określenia warunków udzielania zezwoleń na zajęcie pasa drogowego</li>"
            "<li>Uchwała rady gminy w sprawie stawek opłat za zajęcie pasa drogowego "
            "dróg gminnych</li></ul>"
        ),
        "department": "Referat Inwestycji i Dróg – {office}",
        "categories": ["drogi-i-transport"],
        "life_situations": ["budowa-domu", "zakladam-firme"],
    },
    {
        "title": "Zaświadczenie o niezaleganiu w podatkach lub stwierdzające stan zaległości",
        "slug": "zaswiadczenie-o-niezaleganiu",
        "summary": (
            "Zaświadczenie o niezaleganiu w podatkach lokalnych przyda się m.in. do "
            "kredytu, dotacji lub przetargu. Wydajemy je w ciągu 7 dni."
        ),
        "purpose": (
            "<p>Zaświadczenie potwierdza, że nie masz zaległości w podatkach i opłatach "
            "pobieranych przez gminę (np. podatek od nieruchomości, rolny, leśny, "
            "od środków transportowych), albo wskazuje ich wysokość. Potwierdza stan "
            "na dzień wydania.</p>"
            "<p>Swoje należności i wpłaty możesz na bieżąco sprawdzać po zalogowaniu "
            "do e-Urzędu – zaświadczenie jest potrzebne wtedy, gdy wymaga go inna "
            "instytucja.</p>"
        ),
        "eligibility": (
            "<p>Podatnik, jego pełnomocnik lub inna osoba uprawniona przez przepisy "
            "(np. za pisemną zgodą podatnika).</p>"
        ),
        "documents": (
            "<ul><li>Wniosek o wydanie zaświadczenia (z określeniem celu, jeśli "
            "zwalnia on z opłaty).</li>"
            "<li>Dowód zapłaty opłaty skarbowej.</li>"
            "<li>Pełnomocnictwo z dowodem zapłaty opłaty skarbowej – jeśli działa "
            "pełnomocnik.</li></ul>"
        ),
        "fees": (
            "<p>Opłata skarbowa: <strong>21 zł</strong> za każdy egzemplarz zaświadczenia. "
            "Niektóre zaświadczenia są z niej zwolnione (np. w sprawach ubezpieczenia "
            "społecznego, pomocy społecznej lub zatrudnienia). Opłatę wpłacasz na "
            "rachunek gminy.</p>" + _POWER_OF_ATTORNEY_FEE
        ),
        "deadlines": (
            "<p>Wydajemy zaświadczenie bez zbędnej zwłoki, <strong>nie później niż "
            "w ciągu 7 dni</strong> od złożenia wniosku. Odmowa wydania zaświadczenia "
            "następuje w formie postanowienia, na które przysługuje zażalenie.</p>"
        ),
        "channels": [_EPUAP, _EDORECZENIA, _IN_PERSON, _POST, _PORTAL_CASES],
        "legal_basis": (
            "<ul><li>Ustawa z dnia 29 sierpnia 1997 r. – Ordynacja podatkowa "
            "(art. 306a–306e)</li>"
            "<li>Ustawa z dnia 16 listopada 2006 r. o opłacie skarbowej</li></ul>"
        ),
        "department": "Referat Podatków i Opłat – {office}",
        "categories": ["podatki-i-oplaty"],
        "life_situations": ["zakladam-firme", "zakup-nieruchomosci"],
    },
    {
        "title": "Ulga w spłacie podatku – raty, odroczenie terminu lub umorzenie",
        "slug": "ulga-w-splacie-podatku",
        "summary": (
            "Jeśli nie możesz zapłacić podatku w terminie, złóż wniosek o rozłożenie "
            "na raty, odroczenie terminu płatności albo umorzenie zaległości."
        ),
        "purpose": (
            "<p>Na Twój wniosek, ze względu na <strong>ważny interes podatnika</strong> "
            "(np. choroba, utrata pracy, klęska żywiołowa) lub interes publiczny, "
            "organ podatkowy może:</p>"
            "<ul><li>odroczyć termin płatności podatku albo rozłożyć go na raty,</li>"
            "<li>odroczyć lub rozłożyć na raty zapłatę zaległości wraz z odsetkami,</li>"
            "<li>umorzyć w całości lub w części zaległość, odsetki za zwłokę lub opłatę "
            "prolongacyjną.</li></ul>"
            "<p>Ulga jest uznaniowa – decyzję podejmujemy po analizie Twojej sytuacji. "
            "Zanim złożysz wniosek, możesz zadzwonić do referatu i zapytać, jakie "
            "dokumenty będą potrzebne.</p>"
        ),
        "eligibility": (
            "<p>Podatnicy podatków i opłat lokalnych – osoby fizyczne i przedsiębiorcy. "
            "U przedsiębiorców ulga jest zwykle pomocą publiczną (najczęściej pomocą "
            "<em>de minimis</em>) i musi spełniać jej warunki.</p>"
        ),
        "documents": (
            "<ul><li>Wniosek z uzasadnieniem, o jaką ulgę prosisz i dlaczego.</li>"
            "<li>Oświadczenie o sytuacji rodzinnej i majątkowej (dochody, wydatki, "
            "majątek) oraz dokumenty, które ją potwierdzają.</li>"
            "<li>Przedsiębiorcy: formularz informacji przedstawianych przy ubieganiu się "
            "o pomoc <em>de minimis</em> oraz zaświadczenia lub oświadczenie o pomocy "
            "<em>de minimis</em> otrzymanej w ciągu ostatnich 3 lat.</li></ul>"
        ),
        "fees": (
            "<p>Wniosek nie podlega opłacie skarbowej. Od kwoty odroczonej lub "
            "rozłożonej na raty może być naliczona opłata prolongacyjna – tylko jeśli "
            "przewiduje ją uchwała rady gminy.</p>" + _POWER_OF_ATTORNEY_FEE
        ),
        "deadlines": (
            "<ul><li>Złóż wniosek jak najszybciej – najlepiej przed terminem płatności.</li>"
            "<li>Sprawę rozpatrujemy bez zbędnej zwłoki, nie później niż w ciągu "
            "miesiąca, a w sprawie szczególnie skomplikowanej – dwóch miesięcy.</li>"
            "<li>Od decyzji możesz się odwołać do samorządowego kolegium odwoławczego "
            "w ciągu 14 dni od jej doręczenia.</li></ul>"
        ),
        "channels": [_EPUAP, _EDORECZENIA, _IN_PERSON, _POST, _PORTAL_CASES],
        "legal_basis": (
            "<ul><li>Ustawa z dnia 29 sierpnia 1997 r. – Ordynacja podatkowa "
            "(art. 67a i 67b)</li>"
            "<li>Ustawa z dnia 12 stycznia 1991 r. o podatkach i opłatach lokalnych</li>"
            "<li>Przepisy Unii Europejskiej o pomocy <em>de minimis</em> – "
            "dla przedsiębiorców</li></ul>"
        ),
        "department": "Referat Podatków i Opłat – {office}",
        "categories": ["podatki-i-oplaty"],
        "life_situations": ["klopoty-z-platnosciami"],
    },
    {
        "title": "Wypis i wyrys z miejscowego planu zagospodarowania przestrzennego",
        "slug": "wypis-i-wyrys-z-planu-miejscowego",
        "summary": (
            "Sprawdź, co wolno zbudować na działce: wypis i wyrys z planu miejscowego "
            "przydadzą się przy zakupie, sprzedaży, podziale i budowie."
        ),
        "purpose": (
            "<p><strong>Wypis</strong> to tekst ustaleń planu miejscowego dotyczących "
            "wskazanych działek, a <strong>wyrys</strong> to fragment rysunku planu "
            "z ich położeniem. Dokumenty są potrzebne m.in. notariuszowi, bankowi "
            "i projektantowi.</p>"
            "<p>Jeśli dla działki nie ma planu miejscowego, otrzymasz informację "
            "o tym fakcie.</p>"
        ),
        "eligibility": (
            "<p>Każdy – nie musisz być właścicielem działki ani uzasadniać wniosku.</p>"
        ),
        "documents": (
            "<ul><li>Wniosek z numerami działek ewidencyjnych i nazwą obrębu.</li>"
            "<li>Dowód zapłaty opłaty skarbowej.</li>"
            "<li>Pełnomocnictwo – jeśli działa pełnomocnik.</li></ul>"
        ),
        "fees": (
            "<p>Opłata skarbowa:</p>"
            "<ul><li>wypis – <strong>30 zł</strong> (do 5 stron) lub <strong>50 zł</strong> "
            "(powyżej 5 stron),</li>"
            "<li>wyrys – <strong>20 zł</strong> za każdą pełną lub rozpoczętą część "
            "odpowiadającą stronie formatu A4, nie więcej niż 200 zł.</li></ul>"
            "<p>Jeśli nie wiesz, ile stron będzie miał dokument, zadzwoń do nas przed "
            "wpłatą.</p>"
        ),
        "deadlines": (
            "<p>Wypis i wyrys przygotowujemy bez zbędnej zwłoki – zwykle w ciągu "
            "14 dni od złożenia kompletnego wniosku. Jeśli potrzebujemy więcej czasu, "
            "poinformujemy Cię o tym.</p>"
        ),
        "channels": [_EPUAP, _EDORECZENIA, _IN_PERSON, _POST],
        "legal_basis": (
            "<ul><li>Ustawa z dnia 27 marca 2003 r. o planowaniu i zagospodarowaniu "
            "przestrzennym (art. 30)</li>"
            "<li>Ustawa z dnia 16 listopada 2006 r. o opłacie skarbowej</li></ul>"
        ),
        "department": "Referat Planowania Przestrzennego – {office}",
        "categories": ["nieruchomosci"],
        "life_situations": ["zakup-nieruchomosci", "budowa-domu"],
    },
    {
        "title": "Ustalenie numeru porządkowego budynku",
        "slug": "numer-porzadkowy-budynku",
        "summary": (
            "Nowy dom potrzebuje adresu. Złóż wniosek o ustalenie numeru porządkowego – "
            "to bezpłatne."
        ),
        "purpose": (
            "<p>Numer porządkowy ustalamy dla budynków istniejących i prognozowanych "
            "(np. w trakcie budowy). Adres jest potrzebny do zameldowania, przyłączenia "
            "mediów i dostaw poczty. O ustaleniu numeru informujemy właściciela "
            "w zawiadomieniu, a adres wpisujemy do ewidencji miejscowości, ulic "
            "i adresów.</p>"
            "<p>Po otrzymaniu zawiadomienia umieść tabliczkę z numerem w widocznym "
            "miejscu na budynku.</p>"
        ),
        "eligibility": (
            "<p>Właściciel nieruchomości lub inny podmiot uwidoczniony w ewidencji gruntów "
            "i budynków, który nią włada. Urząd może też ustalić numer z urzędu.</p>"
        ),
        "documents": (
            "<ul><li>Wniosek o ustalenie numeru porządkowego.</li>"
            "<li>Mapa lub szkic z położeniem budynku (np. kopia mapy zasadniczej "
            "lub projektu zagospodarowania działki) – gdy na działce jest więcej "
            "budynków albo położenie nie jest oczywiste.</li>"
            "<li>Pełnomocnictwo – jeśli działa pełnomocnik.</li></ul>"
        ),
        "fees": (
            "<p>Ustalenie numeru i zawiadomienie są <strong>bezpłatne</strong>.</p>"
            + _POWER_OF_ATTORNEY_FEE
        ),
        "deadlines": (
            "<p>Zawiadomienie o ustaleniu numeru wysyłamy bez zbędnej zwłoki – zwykle "
            "w ciągu 14 dni od złożenia wniosku.</p>"
        ),
        "channels": [_EPUAP, _EDORECZENIA, _IN_PERSON, _POST],
        "legal_basis": (
            "<ul><li>Ustawa z dnia 17 maja 1989 r. – Prawo geodezyjne i kartograficzne "
            "(art. 47a)</li>"
            "<li>Rozporządzenie Ministra Rozwoju, Pracy i Technologii z dnia "
            "21 lipca 2021 r. w sprawie ewidencji miejscowości, ulic i adresów</li></ul>"
        ),
        "department": "Referat Geodezji i Gospodarki Nieruchomościami – {office}",
        "categories": ["nieruchomosci"],
        "life_situations": ["budowa-domu"],
    },
]

# ---------------------------------------------------------------------------------------------
# News
# ---------------------------------------------------------------------------------------------

NEWS: dict[str, list[dict[str, Any]]] = {
    "zembrzyce": [
        {
            "title": "Nowy harmonogram odbioru odpadów na drugie półrocze",
            "slug": "harmonogram-odbioru-odpadow-drugie-polrocze",
            "days_ago": 2,
            "lead": (
                "Opublikowaliśmy harmonogram odbioru odpadów komunalnych dla wszystkich "
                "pięciu sołectw na drugie półrocze. Zmieniły się terminy odbioru "
                "popiołu i odpadów wielkogabarytowych."
            ),
            "body": (
                "<p>Harmonogram obejmuje Zembrzyce, Marcówkę, Śleszowice, Tarnawę Dolną "
                "i Tarnawę Górną. Pojemniki i worki wystaw przed posesję do godziny 6:30 "
                "w dniu odbioru – firma odbierająca odpady może przyjechać wcześniej "
                "niż zwykle.</p>"
                "<p>Odpady wielkogabarytowe, zużyty sprzęt elektroniczny i opony "
                "odbierzemy w jednej zbiórce objazdowej. Przypominamy, że odpady "
                "remontowe i budowlane nie są odbierane sprzed domów – oddasz je "
                "w punkcie selektywnej zbiórki odpadów komunalnych (PSZOK).</p>"
                "<p>Harmonogram do wydruku znajdziesz w BIP i w Biurze Obsługi "
                "Interesanta. Jeśli masz aplikację mobilną e-Urzędu, przypomnimy Ci "
                "o odbiorze dzień wcześniej.</p>"
            ),
            "tags": ["odpady", "harmonogram"],
        },
        {
            "title": "15 maja mija termin II raty podatku od nieruchomości, rolnego i leśnego",
            "slug": "termin-ii-raty-podatku-15-maja",
            "days_ago": 9,
            "lead": (
                "Przypominamy, że do 15 maja trzeba zapłacić drugą ratę podatku. "
                "Najszybciej zrobisz to w e-Urzędzie – bez prowizji."
            ),
            "body": (
                "<p>Wysokość raty znajdziesz w decyzji podatkowej, którą otrzymałeś "
                "na początku roku, oraz po zalogowaniu do e-Urzędu w zakładce "
                "„Płatności”. Jeśli Twój roczny podatek nie przekroczył 100 zł, "
                "zapłaciłeś go w całości do 15 marca i tej raty nie ma.</p>"
                "<p>Wpłacaj na indywidualny numer rachunku podany w decyzji – dzięki temu "
                "wpłata trafi od razu na Twoje konto podatnika. Po terminie naliczane "
                "są odsetki za zwłokę.</p>"
                "<p>Masz kłopot z zapłatą? Złóż wniosek o rozłożenie podatku na raty "
                "lub odroczenie terminu – opis znajdziesz w katalogu usług.</p>"
            ),
            "tags": ["podatki", "terminy", "płatności"],
        },
        {
            "title": "Konsultacje projektu programu współpracy z organizacjami pozarządowymi",
            "slug": "konsultacje-programu-wspolpracy-z-organizacjami",
            "days_ago": 16,
            "lead": (
                "Zapraszamy stowarzyszenia, koła gospodyń wiejskich, kluby sportowe "
                "i ochotnicze straże pożarne do zgłaszania uwag do projektu programu "
                "współpracy na przyszły rok."
            ),
            "body": (
                "<p>Projekt określa, na jakie zadania gmina przeznaczy dotacje "
                "w otwartych konkursach ofert, m.in. na sport dzieci i młodzieży, "
                "kulturę ludową i pomoc seniorom.</p>"
                "<p>Uwagi możesz przesłać na formularzu konsultacyjnym przez ePUAP, "
                "e-mailem albo złożyć w Biurze Obsługi Interesanta. Konsultacje trwają "
                "14 dni od dnia publikacji ogłoszenia w BIP.</p>"
                "<p>Podsumowanie konsultacji – z informacją, które uwagi przyjęliśmy "
                "i dlaczego – opublikujemy w BIP i w aktualnościach.</p>"
            ),
            "tags": ["konsultacje", "organizacje pozarządowe"],
        },
        {
            "title": "Remont drogi gminnej w Tarnawie Górnej – utrudnienia do końca miesiąca",
            "slug": "remont-drogi-gminnej-tarnawa-gorna",
            "days_ago": 27,
            "lead": (
                "Rozpoczął się remont odcinka drogi gminnej w Tarnawie Górnej. "
                "Przez kilka tygodni ruch będzie odbywał się wahadłowo."
            ),
            "body": (
                "<p>Wykonawca wymieni podbudowę, ułoży nową nawierzchnię asfaltową "
                "i odnowi rowy przydrożne na odcinku około 800 metrów. Prace prowadzone "
                "są w dni robocze w godzinach 7:00–17:00.</p>"
                "<p>Ruch odbywa się wahadłowo, sterowany sygnalizacją świetlną. "
                "Dojazd do posesji jest zapewniony, ale w dniu układania asfaltu może "
                "być utrudniony przez kilka godzin – mieszkańców najbliższych domów "
                "uprzedzimy dzień wcześniej.</p>"
                "<p>Remont finansujemy z budżetu gminy i dotacji zewnętrznej. Dziękujemy "
                "za cierpliwość i prosimy o ostrożną jazdę w rejonie robót.</p>"
            ),
            "tags": ["drogi", "inwestycje", "utrudnienia"],
        },
        {
            "title": "Płać podatki i opłaty w e-Urzędzie – bez prowizji",
            "slug": "platnosci-online-bez-prowizji",
            "days_ago": 41,
            "lead": (
                "W e-Urzędzie zapłacisz podatek od nieruchomości, rolny, leśny i opłatę "
                "za odpady szybkim przelewem lub BLIK-iem. Prowizję operatora płatności "
                "pokrywa gmina."
            ),
            "body": (
                "<p>Po zalogowaniu przez login.gov.pl zobaczysz swoje należności, raty "
                "i historię wpłat. Wybierz ratę, kliknij „Zapłać” i potwierdź płatność "
                "w banku. Płacisz dokładnie tyle, ile wynosi należność.</p>"
                "<p>Aby korzystać z e-Urzędu, potrzebujesz konta ePUAP oraz Profilu "
                "Zaufanego lub podpisu kwalifikowanego. Wyślij przez ePUAP "
                "„Wniosek o rejestrację konta na platformie eUrząd (osoby fizyczne)”. "
                "Po weryfikacji powiadomimy Cię, że konto jest aktywne.</p>"
                "<p>Jeśli potrzebujesz pomocy przy pierwszym logowaniu, zadzwoń "
                "do administratora e-Urzędu – dane kontaktowe są na stronie "
                "„Kontakt”.</p>"
            ),
            "tags": ["e-Urząd", "płatności"],
        },
        {
            "title": "Zapraszamy na Dożynki Gminne",
            "slug": "dozynki-gminne",
            "days_ago": 63,
            "lead": (
                "W niedzielę po mszy dziękczynnej zapraszamy na Dożynki Gminne – "
                "z korowodem wieńców, występami zespołów regionalnych i kiermaszem "
                "produktów lokalnych."
            ),
            "body": (
                "<p>Sołectwa przygotowują wieńce dożynkowe, które przejdą w korowodzie "
                "na plac uroczystości. Wystąpią orkiestry dęte, kapela regionalna "
                "i zespoły śpiewacze z naszej gminy.</p>"
                "<p>Na kiermaszu koła gospodyń wiejskich zaprezentują regionalne potrawy "
                "i wypieki. Dla dzieci przygotowaliśmy strefę zabaw.</p>"
                "<p>W czasie imprezy obowiązuje czasowa zmiana organizacji ruchu "
                "w centrum Zembrzyc. Prosimy korzystać z wyznaczonych parkingów.</p>"
            ),
            "tags": ["wydarzenia", "kultura"],
        },
        {
            "title": "Zmiana godzin pracy urzędu – w poniedziałki dłużej",
            "slug": "zmiana-godzin-pracy-urzedu",
            "days_ago": 88,
            "lead": (
                "Od początku przyszłego miesiąca w poniedziałki urząd będzie czynny "
                "do 17:00, a w piątki do 14:00."
            ),
            "body": (
                "<p>Nowe godziny pracy urzędu: poniedziałek 7:30–17:00, wtorek–czwartek "
                "7:30–15:30, piątek 7:30–14:00. Dłuższy poniedziałek to odpowiedź "
                "na prośby mieszkańców, którzy pracują poza gminą.</p>"
                "<p>Kasa urzędu działa w tych samych godzinach, z przerwą techniczną "
                "na zamknięcie dnia. Pamiętaj, że większość należności zapłacisz "
                "bez wychodzenia z domu w e-Urzędzie.</p>"
            ),
            "tags": ["urząd", "godziny pracy"],
        },
    ],
    "glogow": [
        {
            "title": "Budżet obywatelski – ruszyło głosowanie na projekty",
            "slug": "budzet-obywatelski-glosowanie",
            "days_ago": 1,
            "lead": (
                "Do oceny mieszkańców trafiły projekty, które przeszły weryfikację. "
                "Głosować mogą mieszkańcy Głogowa – przez internet lub w punktach "
                "do głosowania."
            ),
            "body": (
                "<p>Wśród projektów są m.in. nowe place zabaw, zieleń osiedlowa, "
                "doświetlenie przejść dla pieszych i wydarzenia sportowe na osiedlach "
                "Hutnik, Kopernik, Piastów Śląskich i Śródmieście.</p>"
                "<p>Głos oddasz na karcie w punktach do głosowania albo przez internet. "
                "Każdy mieszkaniec może zagłosować raz. Szczegółowe zasady określa "
                "uchwała Rady Miejskiej – znajdziesz ją w BIP.</p>"
                "<p>Wyniki ogłosimy po zakończeniu głosowania i przeliczeniu głosów. "
                "Zwycięskie projekty zrealizujemy w przyszłorocznym budżecie miasta.</p>"
            ),
            "tags": ["budżet obywatelski", "partycypacja"],
        },
        {
            "title": "Nowe funkcje Portalu Interesanta: koszyk płatności i potwierdzenie w PDF",
            "slug": "nowe-funkcje-portalu-interesanta",
            "days_ago": 7,
            "lead": (
                "Kilka rat podatku i opłat zapłacisz teraz jedną płatnością, a po wpłacie "
                "pobierzesz potwierdzenie w formacie PDF."
            ),
            "body": (
                "<p>W zakładce „Płatności” zaznacz raty, które chcesz opłacić – również "
                "za osoby i firmy, które reprezentujesz na podstawie upoważnienia – "
                "i dodaj je do koszyka. Zapłacisz za wszystkie jednym przelewem.</p>"
                "<p>Po zaksięgowaniu wpłaty pobierzesz potwierdzenie w PDF. Możesz też "
                "włączyć przypomnienia e-mailowe o zbliżających się terminach rat.</p>"
                "<p>W ustawieniach konta sprawdzisz historię logowań (data, godzina "
                "i adres IP). Jeśli zobaczysz logowanie, którego nie rozpoznajesz, "
                "skontaktuj się z nami.</p>"
            ),
            "tags": ["Portal Interesanta", "płatności", "e-Urząd"],
        },
        {
            "title": "Zezwolenia na sprzedaż alkoholu widoczne w Portalu Interesanta",
            "slug": "rejestr-zezwolen-alkoholowych-w-portalu",
            "days_ago": 14,
            "lead": (
                "Przedsiębiorcy zobaczą w portalu swoje zezwolenia na sprzedaż napojów "
                "alkoholowych, terminy ich ważności i raty opłaty za korzystanie "
                "z zezwoleń."
            ),
            "body": (
                "<p>W zakładce „Rejestry” znajdziesz wpisy dotyczące Twojej firmy: "
                "zezwolenia na sprzedaż alkoholu oraz umowy dzierżawy nieruchomości "
                "miejskich.</p>"
                "<p>Przypominamy, że do 31 stycznia trzeba złożyć oświadczenie "
                "o wartości sprzedaży napojów alkoholowych w poprzednim roku i zapłacić "
                "pierwszą ratę opłaty. Kolejne raty mijają 31 maja i 30 września.</p>"
                "<p>Dostęp do danych firmy wymaga upoważnienia dołączonego do wniosku "
                "o rejestrację w portalu.</p>"
            ),
            "tags": ["przedsiębiorcy", "zezwolenia", "Portal Interesanta"],
        },
        {
            "title": "Przetarg na sprzedaż działki pod zabudowę jednorodzinną",
            "slug": "przetarg-dzialka-zabudowa-jednorodzinna",
            "days_ago": 23,
            "lead": (
                "Miasto sprzedaje w przetargu ustnym nieograniczonym niezabudowaną "
                "działkę przeznaczoną w planie miejscowym pod zabudowę mieszkaniową "
                "jednorodzinną."
            ),
            "body": (
                "<p>Opis działki, jej położenie i przeznaczenie w planie miejscowym "
                "znajdziesz w nowej <strong>Wyszukiwarce mienia</strong> w portalu. "
                "Cena wywoławcza, wysokość wadium i termin przetargu są podane "
                "w ogłoszeniu opublikowanym w BIP.</p>"
                "<p>Warunkiem udziału w przetargu jest wpłata wadium w terminie "
                "wskazanym w ogłoszeniu. Działkę można obejrzeć po wcześniejszym "
                "umówieniu się z Wydziałem Gospodarki Nieruchomościami.</p>"
            ),
            "tags": ["nieruchomości", "przetargi", "wyszukiwarka mienia"],
        },
        {
            "title": "Utrudnienia w ruchu na Osiedlu Hutnik",
            "slug": "utrudnienia-w-ruchu-osiedle-hutnik",
            "days_ago": 35,
            "lead": (
                "Trwa wymiana nawierzchni jednej z ulic dojazdowych na Osiedlu Hutnik. "
                "Część miejsc parkingowych jest wyłączona z użytku."
            ),
            "body": (
                "<p>Prace potrwają około trzech tygodni. Ulica będzie zamykana odcinkami, "
                "a objazdy oznakowano. Autobusy komunikacji miejskiej kursują bez "
                "zmian.</p>"
                "<p>Prosimy mieszkańców o przestawienie samochodów z odcinków "
                "oznaczonych znakami zakazu postoju – ich numeracja i terminy są "
                "podane na tablicach informacyjnych w rejonie robót.</p>"
            ),
            "tags": ["drogi", "utrudnienia"],
        },
        {
            "title": "Opłata za odpady – nowa stawka od początku roku",
            "slug": "oplata-za-odpady-nowa-stawka",
            "days_ago": 52,
            "lead": (
                "Rada Miejska uchwaliła nową stawkę opłaty za gospodarowanie odpadami "
                "komunalnymi. Nie musisz składać nowej deklaracji."
            ),
            "body": (
                "<p>Jeśli w Twoich danych nic się nie zmieniło, nie składasz nowej "
                "deklaracji – wyślemy Ci zawiadomienie o nowej wysokości opłaty. "
                "Stawka wynika z uchwały Rady Miejskiej opublikowanej w BIP.</p>"
                "<p>Nową deklarację składasz tylko wtedy, gdy zmieniła się liczba osób "
                "w domu lub inne dane – do 10. dnia miesiąca następującego po zmianie.</p>"
                "<p>Aktualną kwotę i terminy płatności zobaczysz w Portalu Interesanta. "
                "Wpłacaj na indywidualny numer rachunku z zawiadomienia.</p>"
            ),
            "tags": ["odpady", "opłaty"],
        },
        {
            "title": "Jak założyć konto w Portalu Interesanta",
            "slug": "jak-zalozyc-konto-w-portalu-interesanta",
            "days_ago": 76,
            "lead": (
                "Wystarczy wniosek podpisany Profilem Zaufanym lub podpisem "
                "kwalifikowanym i wysłany przez ePUAP. Odpowiadamy w ciągu 7 dni."
            ),
            "body": (
                "<p>Wypełnij wniosek o dostęp do Portalu Interesanta i podpisz go "
                "Profilem Zaufanym lub kwalifikowanym podpisem elektronicznym. "
                "Po wysłaniu przez ePUAP otrzymasz Urzędowe Poświadczenie Odbioru "
                "(UPO).</p>"
                "<p>Jeśli chcesz widzieć dane osoby lub firmy, którą reprezentujesz, "
                "dołącz do wniosku upoważnienie. Po aktywacji konta logujesz się "
                "przez login.gov.pl.</p>"
                "<p>Chcesz najpierw zobaczyć, jak działa portal? Skorzystaj z konta "
                "demonstracyjnego: login „demo”, hasło „demo”.</p>"
            ),
            "tags": ["Portal Interesanta", "rejestracja", "e-Urząd"],
        },
    ],
}

# ---------------------------------------------------------------------------------------------
# Alerts (one active, one expired per town)
# ---------------------------------------------------------------------------------------------

ALERTS: dict[str, list[dict[str, Any]]] = {
    "zembrzyce": [
        {
            "title": "Ostrzeżenie meteorologiczne IMGW: intensywne opady deszczu",
            "message": (
                "IMGW wydał dla powiatu suskiego ostrzeżenie 2. stopnia przed intensywnymi "
                "opadami deszczu. Możliwy szybki wzrost poziomu wody w Skawie, Paleczce "
                "i Tarnawce – zabezpiecz mienie i unikaj terenów zalewowych."
            ),
            "severity": "warning",
            "area": "cała gmina",
            "starts_in_days": -1,
            "ends_in_days": 2,
        },
        {
            "title": "Przerwa w dostawie wody",
            "message": (
                "Z powodu awarii sieci wodociągowej wystąpi przerwa w dostawie wody. "
                "Beczkowóz z wodą pitną będzie stał przy budynku szkoły."
            ),
            "severity": "info",
            "area": "sołectwo Tarnawa Dolna",
            "starts_in_days": -10,
            "ends_in_days": -9,
        },
    ],
    "glogow": [
        {
            "title": "Ostrzeżenie meteorologiczne IMGW: silny wiatr",
            "message": (
                "IMGW wydał dla powiatu głogowskiego ostrzeżenie 1. stopnia przed silnym "
                "wiatrem. Zabezpiecz przedmioty na balkonach i nie parkuj pod drzewami."
            ),
            "severity": "warning",
            "area": "całe miasto",
            "starts_in_days": 0,
            "ends_in_days": 1,
        },
        {
            "title": "Przerwa w dostawie wody",
            "message": (
                "W związku z pracami na sieci wodociągowej wystąpiła przerwa w dostawie "
                "wody w godzinach 8:00–14:00. Po przywróceniu dostaw woda może być "
                "przez krótki czas mętna."
            ),
            "severity": "danger",
            "area": "Osiedle Hutnik",
            "starts_in_days": -14,
            "ends_in_days": -13,
        },
    ],
}

# ---------------------------------------------------------------------------------------------
# Contact
# ---------------------------------------------------------------------------------------------

CONTACT: dict[str, dict[str, Any]] = {
    "zembrzyce": {
        "intro": (
            "Większość spraw załatwisz przez e-Urząd lub ePUAP. Jeśli wolisz porozmawiać, "
            "zadzwoń albo przyjdź do urzędu – Biuro Obsługi Interesanta jest na parterze "
            "przy wejściu głównym."
        ),
        "departments": [
            {
                "name": "Sekretariat i Biuro Obsługi Interesanta",
                "phone": "33 000 10 10",
                "email": "sekretariat@zembrzyce.example",
                "room": "parter, pokój 1",
            },
            {
                "name": "Referat Podatków i Opłat",
                "phone": "33 000 10 11",
                "email": "podatki@zembrzyce.example",
                "room": "parter, pokój 4",
            },
            {
                "name": "Gospodarka odpadami",
                "phone": "33 000 10 12",
                "email": "odpady@zembrzyce.example",
                "room": "parter, pokój 5",
            },
            {
                "name": "Ewidencja ludności i dowody osobiste",
                "phone": "33 000 10 13",
                "email": "ewidencja@zembrzyce.example",
                "room": "parter, pokój 2",
            },
            {
                "name": "Referat Inwestycji, Dróg i Ochrony Środowiska",
                "phone": "33 000 10 14",
                "email": "inwestycje@zembrzyce.example",
                "room": "I piętro, pokój 12",
            },
            {
                "name": "Administrator e-Urzędu (pomoc przy logowaniu i płatnościach)",
                "phone": "33 000 10 15",
                "email": "eurzad@zembrzyce.example",
                "room": "I piętro, pokój 8",
            },
        ],
        "map_url": (
            "https://www.openstreetmap.org/search?"
            "query=Urz%C4%85d%20Gminy%20Zembrzyce%2C%2034-210%20Zembrzyce"
        ),
        "bank_account_note": (
            "Podatki i opłaty lokalne wpłacaj na indywidualny numer rachunku podany "
            "w decyzji lub zawiadomieniu (znajdziesz go też w e-Urzędzie), a opłatę "
            "skarbową – na rachunek bankowy gminy opublikowany w BIP."
        ),
    },
    "glogow": {
        "intro": (
            "Sprawy podatkowe, płatności i korespondencję z urzędem sprawdzisz w Portalu "
            "Interesanta. W urzędzie zapraszamy do Biura Obsługi Klienta na parterze "
            "ratusza – tam złożysz dokumenty i dowiesz się, do którego wydziału się "
            "udać."
        ),
        "departments": [
            {
                "name": "Biuro Obsługi Klienta",
                "phone": "76 000 65 00",
                "email": "bok@glogow.example",
                "room": "parter, sala obsługi",
            },
            {
                "name": "Wydział Podatków i Opłat",
                "phone": "76 000 65 10",
                "email": "podatki@glogow.example",
                "room": "I piętro, pokoje 101–106",
            },
            {
                "name": "Wydział Spraw Obywatelskich (meldunki, dowody osobiste)",
                "phone": "76 000 65 20",
                "email": "sprawy.obywatelskie@glogow.example",
                "room": "parter, stanowiska 5–9",
            },
            {
                "name": "Wydział Gospodarki Nieruchomościami",
                "phone": "76 000 65 30",
                "email": "nieruchomosci@glogow.example",
                "room": "II piętro, pokój 204",
            },
            {
                "name": "Wydział Działalności Gospodarczej i Zezwoleń",
                "phone": "76 000 65 40",
                "email": "zezwolenia@glogow.example",
                "room": "parter, pokój 12",
            },
            {
                "name": "Pomoc techniczna Portalu Interesanta",
                "phone": "76 000 65 50",
                "email": "portal@glogow.example",
                "room": "II piętro, pokój 210",
            },
        ],
        "map_url": (
            "https://www.openstreetmap.org/search?query=Rynek%2010%2C%2067-200%20G%C5%82og%C3%B3w"
        ),
        "bank_account_note": (
            "Podatki, opłatę za odpady i opłaty za użytkowanie wieczyste lub dzierżawę "
            "wpłacaj na indywidualny numer rachunku z decyzji, zawiadomienia lub umowy "
            "(widoczny w Portalu Interesanta), a pozostałe wpłaty – na rachunek bankowy "
            "miasta opublikowany w BIP."
        ),
    },
}

# ---------------------------------------------------------------------------------------------
# RODO information clause (art. 13)
# ---------------------------------------------------------------------------------------------


def _privacy_clause(controller: str, dpo_email: str, dpo_address: str, portal: str) -> str:
    """The art. 13 RODO information clause for a town's e-Urząd portal."""
    return (
        "<h2>Kto jest administratorem Twoich danych</h2>"
        f"<p>Administratorem Twoich danych osobowych przetwarzanych w serwisie {portal} "
        f"jest {controller}.</p>"
        "<h2>Inspektor ochrony danych</h2>"
        "<p>W sprawach dotyczących Twoich danych możesz skontaktować się z inspektorem "
        f'ochrony danych: e-mailem <a href="mailto:{dpo_email}">{dpo_email}</a> '
        f"albo listownie: {dpo_address}.</p>"
        "<h2>W jakim celu i na jakiej podstawie przetwarzamy dane</h2>"
        "<ul>"
        "<li><strong>Prowadzenie konta, udostępnianie informacji o Twoich zobowiązaniach, "
        "płatnościach, sprawach i korespondencji oraz przyjmowanie płatności</strong> – "
        "art. 6 ust. 1 lit. e RODO (zadanie realizowane w interesie publicznym "
        "i w ramach władzy publicznej powierzonej gminie) w związku z ustawą z dnia "
        "8 marca 1990 r. o samorządzie gminnym i ustawą z dnia 17 lutego 2005 r. "
        "o informatyzacji działalności podmiotów realizujących zadania publiczne.</li>"
        "<li><strong>Prowadzenie spraw podatkowych i administracyjnych, w tym "
        "przyjmowanie wniosków i deklaracji</strong> – art. 6 ust. 1 lit. c RODO "
        "(obowiązek prawny), w szczególności na podstawie Ordynacji podatkowej, "
        "ustawy o podatkach i opłatach lokalnych i Kodeksu postępowania "
        "administracyjnego.</li>"
        "<li><strong>Zapewnienie bezpieczeństwa serwisu i rozliczalności</strong> "
        "(rejestr logowań i odczytów danych: identyfikator, czas, adres IP) – "
        "art. 6 ust. 1 lit. c RODO w związku z art. 32 RODO.</li>"
        "<li><strong>Kontakt e-mailowy lub telefoniczny, przypomnienia o terminach "
        "i odpowiedź na opinię z formularza</strong> – art. 6 ust. 1 lit. a RODO "
        "(Twoja zgoda). Zgodę możesz wycofać w każdej chwili w ustawieniach konta; "
        "nie wpływa to na zgodność z prawem wcześniejszego przetwarzania.</li>"
        "</ul>"
        "<h2>Logowanie przez login.gov.pl</h2>"
        "<p>Do logowania używamy węzła krajowego identyfikacji elektronicznej "
        "(login.gov.pl), prowadzonego przez ministra właściwego do spraw informatyzacji. "
        "Uwierzytelniasz się tam Profilem Zaufanym, e-dowodem, aplikacją mObywatel "
        "lub przez bank. Po zalogowaniu węzeł przekazuje nam Twoje imię, nazwisko, "
        "datę urodzenia i numer PESEL – tylko po to, by powiązać Cię z Twoim kontem. "
        "Nie otrzymujemy Twoich haseł ani danych logowania do banku.</p>"
        "<h2>Komu przekazujemy dane</h2>"
        "<ul>"
        "<li>Podmiotom uprawnionym na podstawie przepisów prawa (np. sądom, organom "
        "administracji, organom egzekucyjnym).</li>"
        "<li>Dostawcy oprogramowania i usług hostingu serwisu – na podstawie umowy "
        "powierzenia przetwarzania danych.</li>"
        "<li>Operatorowi płatności internetowych – w zakresie potrzebnym do wykonania "
        "płatności, którą zlecasz.</li>"
        "<li>Operatorom ePUAP, e-Doręczeń i usług pocztowych – przy doręczaniu "
        "pism.</li>"
        "</ul>"
        "<p>Nie przekazujemy danych do państw spoza Europejskiego Obszaru "
        "Gospodarczego.</p>"
        "<h2>Jak długo przechowujemy dane</h2>"
        "<ul>"
        "<li>Dane w sprawach i dokumenty – przez okres wynikający z przepisów "
        "o narodowym zasobie archiwalnym i archiwach oraz z jednolitego rzeczowego "
        "wykazu akt, czyli zależnie od kategorii archiwalnej sprawy.</li>"
        "<li>Dane konta – do jego zamknięcia, a potem przez okres archiwizacji "
        "dokumentacji konta.</li>"
        "<li>Rejestr logowań i odczytów danych – 12 miesięcy.</li>"
        "<li>Dane przetwarzane na podstawie zgody – do jej wycofania.</li>"
        "</ul>"
        "<h2>Twoje prawa</h2>"
        "<p>Masz prawo do:</p>"
        "<ul>"
        "<li>dostępu do swoich danych i otrzymania ich kopii,</li>"
        "<li>sprostowania danych,</li>"
        "<li>ograniczenia przetwarzania,</li>"
        "<li>wniesienia sprzeciwu wobec przetwarzania opartego na art. 6 ust. 1 "
        "lit. e RODO – z przyczyn związanych z Twoją szczególną sytuacją,</li>"
        "<li>usunięcia danych i ich przeniesienia – w odniesieniu do danych "
        "przetwarzanych na podstawie zgody,</li>"
        "<li>wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych "
        "(ul. Stawki 2, 00-193 Warszawa), jeśli uważasz, że przetwarzamy Twoje "
        "dane niezgodnie z prawem.</li>"
        "</ul>"
        "<h2>Zautomatyzowane decyzje</h2>"
        "<p>Nie podejmujemy wobec Ciebie decyzji w sposób zautomatyzowany, w tym "
        "nie profilujemy Cię.</p>"
        "<h2>Czy musisz podać dane</h2>"
        "<p>Korzystanie z e-Urzędu jest dobrowolne – sprawy możesz załatwić także "
        "w urzędzie lub przez ePUAP. Jeśli z niego korzystasz, dane z login.gov.pl "
        "są niezbędne do założenia konta. Podanie danych w deklaracjach i wnioskach "
        "wynika z przepisów, a bez nich nie załatwimy sprawy. Adres e-mail i numer "
        "telefonu podajesz dobrowolnie.</p>"
        "<h2>Pliki cookies i pamięć przeglądarki</h2>"
        "<ul>"
        "<li><strong>Cookie sesji</strong> – utrzymuje Twoje zalogowanie; wygasa "
        "po wylogowaniu lub po okresie bezczynności.</li>"
        "<li><strong>Cookie CSRF</strong> – chroni formularze przed wysłaniem "
        "przez inną stronę.</li>"
        "<li><strong>Ustawienia dostępności</strong> (wysoki kontrast, rozmiar tekstu) – "
        "zapisujemy wyłącznie w pamięci Twojej przeglądarki (localStorage); "
        "nie trafiają na nasz serwer.</li>"
        "</ul>"
        "<p>Nie używamy cookies analitycznych ani reklamowych. Serwis login.gov.pl "
        "stosuje własne pliki cookies na zasadach opisanych na swojej stronie. "
        "Cookies możesz usunąć lub zablokować w ustawieniach przeglądarki – "
        "bez cookie sesji nie zalogujesz się do e-Urzędu.</p>"
    )


PRIVACY: dict[str, dict[str, str]] = {
    "zembrzyce": {
        "controller": (
            "Wójt Gminy Zembrzyce, Urząd Gminy Zembrzyce, Zembrzyce 1, 34-210 Zembrzyce"
        ),
        "dpo_email": "iod@zembrzyce.example",
        "dpo_address": (
            "Inspektor ochrony danych, Urząd Gminy Zembrzyce, Zembrzyce 1, 34-210 Zembrzyce"
        ),
        "clause": _privacy_clause(
            controller=(
                "Wójt Gminy Zembrzyce z siedzibą w Urzędzie Gminy Zembrzyce, "
                "Zembrzyce 1, 34-210 Zembrzyce"
            ),
            dpo_email="iod@zembrzyce.example",
            dpo_address=(
                "Inspektor ochrony danych, Urząd Gminy Zembrzyce, Zembrzyce 1, 34-210 Zembrzyce"
            ),
            portal="e-Urząd Gminy Zembrzyce",
        ),
    },
    "glogow": {
        "controller": "Prezydent Miasta Głogowa, Urząd Miejski w Głogowie, Rynek 10, 67-200 Głogów",
        "dpo_email": "iod@glogow.example",
        "dpo_address": (
            "Inspektor ochrony danych, Urząd Miejski w Głogowie, Rynek 10, 67-200 Głogów"
        ),
        "clause": _privacy_clause(
            controller=(
                "Prezydent Miasta Głogowa z siedzibą w Urzędzie Miejskim w Głogowie, "
                "Rynek 10, 67-200 Głogów"
            ),
            dpo_email="iod@glogow.example",
            dpo_address=(
                "Inspektor ochrony danych, Urząd Miejski w Głogowie, Rynek 10, 67-200 Głogów"
            ),
            portal="Portal Interesanta Miasta Głogowa",
        ),
    },
}

# ---------------------------------------------------------------------------------------------
# Accessibility statement (Deklaracja dostępności)
# ---------------------------------------------------------------------------------------------

_ENFORCEMENT_PROCEDURE = (
    "<p>Każdy ma prawo wystąpić z <strong>żądaniem zapewnienia dostępności cyfrowej</strong> "
    "strony internetowej, aplikacji mobilnej lub ich elementu. Możesz też zażądać "
    "udostępnienia informacji w alternatywny sposób, np. przez odczytanie niedostępnego "
    "dokumentu lub opisanie zawartości filmu bez audiodeskrypcji.</p>"
    "<p>Żądanie powinno zawierać:</p>"
    "<ul><li>Twoje dane kontaktowe,</li>"
    "<li>wskazanie strony, aplikacji lub elementu, o który chodzi,</li>"
    "<li>sposób kontaktu z Tobą,</li>"
    "<li>wskazanie alternatywnego sposobu dostępu – jeśli go potrzebujesz.</li></ul>"
    "<p>Zrealizujemy żądanie bez zbędnej zwłoki, <strong>nie później niż w ciągu "
    "7 dni</strong>. Jeśli nie będzie to możliwe, niezwłocznie poinformujemy Cię, "
    "dlaczego, i podamy termin realizacji – <strong>nie dłuższy niż 2 miesiące</strong> "
    "od dnia wystąpienia z żądaniem. Jeśli zapewnienie dostępności cyfrowej nie będzie "
    "możliwe, zaproponujemy alternatywny sposób dostępu do informacji.</p>"
    "<p>Jeśli odmówimy realizacji żądania albo nie zgodzisz się na alternatywny sposób "
    "dostępu, możesz złożyć do nas <strong>skargę w sprawie zapewnienia dostępności "
    "cyfrowej</strong>. Po wyczerpaniu tej procedury możesz złożyć wniosek do "
    '<a href="https://bip.brpo.gov.pl/">Rzecznika Praw Obywatelskich</a>.</p>'
    "<p>Wniosek możesz też złożyć przez formularz w serwisie gov.pl: "
    '<a href="https://www.gov.pl/web/gov/zloz-wniosek-o-zapewnienie-dostepnosci-cyfrowej-'
    'strony-internetowej-lub-aplikacji-mobilnej">Złóż wniosek o zapewnienie dostępności '
    "cyfrowej strony internetowej lub aplikacji mobilnej</a>.</p>"
    "<p>Podstawa prawna: art. 18 i 19 ustawy z dnia 4 kwietnia 2019 r. o dostępności "
    "cyfrowej stron internetowych i aplikacji mobilnych podmiotów publicznych.</p>"
)

_KEYBOARD_SHORTCUTS = (
    "<ul>"
    "<li>Pierwszy element strony to link <strong>„Przejdź do treści”</strong> – pojawia się "
    "po naciśnięciu klawisza Tab i pozwala pominąć menu.</li>"
    "<li>Po serwisie poruszasz się klawiszami Tab i Shift+Tab, a linki i przyciski "
    "uruchamiasz klawiszem Enter (przyciski także spacją).</li>"
    "<li>W górnym pasku są przełączniki <strong>wysokiego kontrastu</strong> "
    "i <strong>rozmiaru tekstu</strong>; Twój wybór zapamiętujemy w przeglądarce.</li>"
    "<li>Działają standardowe skróty przeglądarki, np. Ctrl + / Ctrl − (powiększenie "
    "i pomniejszenie), Ctrl+0 (powrót do rozmiaru domyślnego), Ctrl+F (wyszukiwanie "
    "na stronie).</li>"
    "</ul>"
)

_NON_ACCESSIBLE_COMMON = (
    "<ul>"
    "<li>Część załączników PDF opublikowanych przed 2020 r. to skany dokumentów "
    "papierowych bez warstwy tekstowej. Zastępujemy je wersjami dostępnymi; "
    "na żądanie udostępnimy treść dowolnego z nich w dostępnej formie.</li>"
    "<li>Mapa lokalizacji urzędu pochodzi od zewnętrznego dostawcy "
    "(OpenStreetMap) i nie jest w pełni obsługiwana klawiaturą ani czytnikiem ekranu. "
    "Adres i opis dojazdu podajemy obok mapy w formie tekstowej.</li>"
)

ACCESSIBILITY: dict[str, dict[str, Any]] = {
    "zembrzyce": {
        "entity_name": "Urząd Gminy Zembrzyce",
        "publication_days_ago": 420,
        "update_days_ago": 35,
        "compliance": "partial",
        "non_accessible_content": (
            _NON_ACCESSIBLE_COMMON
            + "<li>Niektóre zdjęcia w archiwalnych aktualnościach (z galerii wydarzeń "
            "gminnych) nie mają tekstu alternatywnego. Uzupełniamy je sukcesywnie.</li>"
            "</ul>"
        ),
        "exemptions": (
            "<p>Mapy są wyłączone z obowiązku zapewnienia dostępności cyfrowej "
            "(art. 3 ustawy o dostępności cyfrowej) – dlatego informacje potrzebne "
            "do dotarcia do urzędu podajemy tekstem.</p>"
        ),
        "preparation_method": (
            "Deklarację sporządzono na podstawie samooceny przeprowadzonej przez podmiot "
            "publiczny oraz automatycznych testów axe-core."
        ),
        "keyboard_shortcuts": _KEYBOARD_SHORTCUTS,
        "feedback_contact": "Koordynator do spraw dostępności",
        "feedback_email": "dostepnosc@zembrzyce.example",
        "feedback_phone": "33 000 10 19",
        "enforcement_procedure": _ENFORCEMENT_PROCEDURE,
        "architectural_accessibility": (
            "<p>Urząd Gminy Zembrzyce, Zembrzyce 1, 34-210 Zembrzyce.</p>"
            "<ul>"
            "<li>Do budynku prowadzi wejście główne od strony parkingu, z pochylnią "
            "dla osób na wózkach. Drzwi otwierają się automatycznie.</li>"
            "<li>Biuro Obsługi Interesanta, kasa oraz stanowiska ewidencji ludności "
            "i podatków są na parterze. Budynek nie ma windy – jeśli sprawę prowadzi "
            "referat na piętrze, urzędnik przyjdzie do Ciebie na parter.</li>"
            "<li>Na parterze jest toaleta dostosowana do potrzeb osób "
            "z niepełnosprawnościami.</li>"
            "<li>Na parkingu przed urzędem wyznaczono miejsce parkingowe dla osób "
            "z niepełnosprawnościami.</li>"
            "<li>Do budynku możesz wejść z psem asystującym i psem przewodnikiem.</li>"
            "<li>Na Twoją prośbę zapewnimy tłumacza polskiego języka migowego – zgłoś "
            "potrzebę co najmniej 3 dni robocze przed wizytą (nie dotyczy sytuacji "
            "nagłych). Możesz skontaktować się z nami także e-mailem lub SMS-em.</li>"
            "<li>W Biurze Obsługi Interesanta jest pętla indukcyjna.</li>"
            "</ul>"
        ),
        "mobile_apps": (
            "<p>Aplikacja mobilna <strong>e-Urząd Gminy Zembrzyce</strong> (Android i iOS) "
            "pokazuje komunikaty i ostrzeżenia, Twoje zobowiązania i płatności oraz "
            "pozwala płacić bez prowizji. Aplikacja obsługuje czytniki ekranu TalkBack "
            "i VoiceOver oraz systemowe powiększenie tekstu. Dane osobiste w aplikacji "
            "chroni PIN ustawiany w portalu w „Twoje dane” → „Aplikacja mobilna”. "
            "Aplikacja ma własną deklarację dostępności dostępną w jej ustawieniach.</p>"
        ),
        "additional_info": (
            "<p>Teksty w serwisie piszemy prostym językiem. Jeśli coś jest niezrozumiałe, "
            "napisz do nas – poprawimy to.</p>"
        ),
    },
    "glogow": {
        "entity_name": "Urząd Miejski w Głogowie",
        "publication_days_ago": 730,
        "update_days_ago": 21,
        "compliance": "partial",
        "non_accessible_content": (
            _NON_ACCESSIBLE_COMMON
            + "<li>Część archiwalnych sprawozdań z wykonania budżetu w sekcji "
            "„Budżet miasta” ma postać skanów. Te same dane udostępniamy w tabelach "
            "HTML.</li>"
            "<li>Mapa w Wyszukiwarce mienia pochodzi od zewnętrznego dostawcy i nie "
            "jest w pełni dostępna z klawiatury. Każdą nieruchomość opisujemy także "
            "tekstem (adres, obręb, numer działki, powierzchnia).</li>"
            "</ul>"
        ),
        "exemptions": (
            "<p>Mapy są wyłączone z obowiązku zapewnienia dostępności cyfrowej "
            "(art. 3 ustawy o dostępności cyfrowej). Informacje z map udostępniamy "
            "w formie tekstowej.</p>"
        ),
        "preparation_method": (
            "Deklarację sporządzono na podstawie samooceny przeprowadzonej przez podmiot "
            "publiczny oraz automatycznych testów axe-core."
        ),
        "keyboard_shortcuts": _KEYBOARD_SHORTCUTS,
        "feedback_contact": "Koordynator do spraw dostępności",
        "feedback_email": "dostepnosc@glogow.example",
        "feedback_phone": "76 000 65 19",
        "enforcement_procedure": _ENFORCEMENT_PROCEDURE,
        "architectural_accessibility": (
            "<p>Urząd Miejski w Głogowie, Rynek 10, 67-200 Głogów (ratusz).</p>"
            "<ul>"
            "<li>Wejście dla osób z niepełnosprawnościami znajduje się przy bocznej "
            "elewacji ratusza; prowadzi do niego pochylnia, a przy drzwiach jest "
            "dzwonek przywołujący pracownika.</li>"
            "<li>Biuro Obsługi Klienta jest na parterze. Na wyższe kondygnacje "
            "dojedziesz windą dostosowaną do potrzeb osób na wózkach.</li>"
            "<li>Na parterze jest toaleta dla osób z niepełnosprawnościami.</li>"
            "<li>Miejsca parkingowe dla osób z niepełnosprawnościami wyznaczono "
            "w pobliżu ratusza.</li>"
            "<li>Do budynku możesz wejść z psem asystującym i psem przewodnikiem.</li>"
            "<li>Tłumacza polskiego języka migowego zapewnimy na Twoją prośbę – zgłoś "
            "potrzebę co najmniej 3 dni robocze przed wizytą. W Biurze Obsługi "
            "Klienta działa pętla indukcyjna.</li>"
            "</ul>"
        ),
        "mobile_apps": (
            "<p>Aplikacja mobilna <strong>e-Urząd Głogów</strong> (Android i iOS) pokazuje "
            "komunikaty, Twoje zobowiązania, raty i płatności oraz pozwala płacić online. "
            "Aplikacja obsługuje czytniki ekranu TalkBack i VoiceOver oraz systemowe "
            "powiększenie tekstu. Deklaracja dostępności aplikacji jest dostępna w jej "
            "ustawieniach.</p>"
        ),
        "additional_info": "",
    },
}

# ---------------------------------------------------------------------------------------------
# Feedback form (common)
# ---------------------------------------------------------------------------------------------

FEEDBACK_FORM: dict[str, Any] = {
    "title": "Twoja opinia o e-Urzędzie",
    "intro": (
        "<p>Pomóż nam ulepszyć e-Urząd. Wypełnienie formularza zajmie około minuty. "
        "Jeśli chcesz, żebyśmy odpowiedzieli, podaj adres e-mail.</p>"
        "<p>Ten formularz nie służy do załatwiania spraw urzędowych – wnioski i pisma "
        "wysyłaj przez ePUAP lub e-Doręczenia.</p>"
    ),
    "thank_you": (
        "<p><strong>Dziękujemy za opinię!</strong> Każdą czytamy i bierzemy pod uwagę "
        "przy rozwijaniu serwisu. Jeśli podałeś adres e-mail, odpowiemy w ciągu "
        "14 dni.</p>"
    ),
    "fields": [
        {
            "label": "Jak oceniasz e-Urząd?",
            "field_type": "radio",
            "required": True,
            "choices": "Bardzo dobrze,Dobrze,Przeciętnie,Źle",
            "help_text": "",
        },
        {
            "label": "W jakiej sprawie korzystasz z e-Urzędu?",
            "field_type": "dropdown",
            "required": False,
            "choices": (
                "Sprawdzam podatki i opłaty,Płacę online,Sprawdzam stan sprawy,"
                "Szukam informacji lub formularza,Inna sprawa"
            ),
            "help_text": "Wybierz sprawę, w której przyszedłeś dziś do serwisu.",
        },
        {
            "label": "Twoje uwagi",
            "field_type": "multiline",
            "required": True,
            "choices": "",
            "help_text": (
                "Co działa dobrze, a co powinniśmy poprawić? Nie wpisuj numeru PESEL "
                "ani danych innych osób."
            ),
        },
        {
            "label": "Adres e-mail do odpowiedzi",
            "field_type": "email",
            "required": False,
            "choices": "",
            "help_text": "Pole nieobowiązkowe – podaj je tylko, jeśli chcesz dostać odpowiedź.",
        },
        {
            "label": (
                "Zgadzam się na przetwarzanie mojego adresu e-mail w celu udzielenia "
                "odpowiedzi na opinię"
            ),
            "field_type": "checkbox",
            "required": False,
            "choices": "",
            "help_text": (
                "Zaznacz, jeśli podałeś adres e-mail. Zasady przetwarzania danych "
                "opisujemy na stronie „Ochrona danych osobowych”."
            ),
        },
    ],
}

# ---------------------------------------------------------------------------------------------
# Home page quick links (common)
# ---------------------------------------------------------------------------------------------

HOME_QUICK_LINKS: list[dict[str, str]] = [
    {
        "title": "Zaloguj się przez login.gov.pl",
        "description": "Profil Zaufany, e-dowód, aplikacja mObywatel lub bankowość elektroniczna.",
        "path": "/logowanie/",
    },
    {
        "title": "Płatności",
        "description": "Twoje należności, raty i wpłaty. Zapłać online bez wychodzenia z domu.",
        "path": "/konto/platnosci/",
    },
    {
        "title": "Katalog usług",
        "description": "Jak załatwić sprawę: dokumenty, opłaty, terminy i formularze ePUAP.",
        "path": "/katalog-uslug/",
    },
    {
        "title": "Twoje sprawy",
        "description": "Sprawdź, na jakim etapie jest sprawa, którą prowadzi urząd.",
        "path": "/konto/sprawy/",
    },
    {
        "title": "Kontakt",
        "description": "Telefony i adresy e-mail referatów, godziny pracy i dojazd.",
        "path": "/kontakt/",
    },
]

# ---------------------------------------------------------------------------------------------
# Głogów: public sections whose data are loaded later
# ---------------------------------------------------------------------------------------------

GLOGOW_PUBLIC_SECTIONS: list[dict[str, str]] = [
    {
        "title": "Budżet miasta",
        "slug": "budzet",
        "intro": (
            "Ile miasto planuje wydać i zarobić w tym roku – i ile już wydało. "
            "Plan i wykonanie budżetu w przejrzystych tabelach."
        ),
        "body": (
            "<p>W tej sekcji opublikujemy <strong>plan budżetu Głogowa</strong> i jego "
            "<strong>wykonanie</strong> w trakcie roku – osobno dla dochodów i wydatków.</p>"
            "<p>Dane pokażemy według klasyfikacji budżetowej:</p>"
            "<ul><li><strong>działów</strong> – obszarów, np. transport i łączność, "
            "oświata i wychowanie, gospodarka komunalna,</li>"
            "<li><strong>rozdziałów</strong> – węższych zadań w ramach działu, "
            "np. drogi publiczne gminne,</li>"
            "<li><strong>paragrafów</strong> – rodzajów dochodów i wydatków, "
            "np. wynagrodzenia, zakupy usług, wydatki inwestycyjne.</li></ul>"
            "<p>Przy każdej pozycji zobaczysz kwotę planu, kwotę wykonania i procent "
            "wykonania.</p>"
            "<h2>Skąd pochodzą dane</h2>"
            "<ul><li>Plan – z <strong>uchwały budżetowej</strong> Rady Miejskiej "
            "Głogowa i jej późniejszych zmian (uchwały rady i zarządzenia "
            "prezydenta).</li>"
            "<li>Wykonanie – ze <strong>sprawozdań budżetowych Rb</strong> (m.in. Rb-27S "
            "z wykonania dochodów i Rb-28S z wykonania wydatków), sporządzanych "
            "kwartalnie.</li></ul>"
            "<p>Pełne teksty uchwał i sprawozdań znajdziesz w Biuletynie Informacji "
            "Publicznej.</p>"
        ),
    },
    {
        "title": "Wyszukiwarka mienia",
        "slug": "mienie",
        "intro": (
            "Działki, lokale i budynki należące do miasta – także te przeznaczone "
            "do sprzedaży, dzierżawy lub najmu."
        ),
        "body": (
            "<p>Wyszukiwarka pokaże nieruchomości stanowiące własność Gminy Miejskiej "
            "Głogów. Wyszukasz je po adresie, osiedlu, obrębie i numerze działki "
            "ewidencyjnej, rodzaju nieruchomości i powierzchni.</p>"
            "<p>Dla każdej nieruchomości podamy:</p>"
            "<ul><li>położenie (adres, obręb, numer działki) i powierzchnię,</li>"
            "<li>numer księgi wieczystej,</li>"
            "<li>przeznaczenie w planie miejscowym,</li>"
            "<li>sposób zagospodarowania – np. wolna, dzierżawiona, w użytkowaniu "
            "wieczystym,</li>"
            "<li>aktualne oferty: przetargi na sprzedaż, dzierżawę lub najem, z linkiem "
            "do ogłoszenia w BIP.</li></ul>"
            "<p>Dane pochodzą z ewidencji mienia komunalnego prowadzonej przez Wydział "
            "Gospodarki Nieruchomościami oraz z wykazów nieruchomości przeznaczonych "
            "do sprzedaży lub oddania w dzierżawę. Wiążące są zawsze ogłoszenia "
            "i wykazy opublikowane w BIP.</p>"
        ),
    },
]

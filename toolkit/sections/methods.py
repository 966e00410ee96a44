"""The methods section: every test and measure the report uses, in plain words, with its reference."""
from __future__ import annotations

import pandas as pd

__all__ = ["METHODS", "methods_table", "methods_used"]

#: id -> (section, name {nl,en}, definition {nl,en}, reference: a citation, or {nl,en} where it has words)
METHODS: dict[str, tuple[str, dict, dict, str | dict]] = {
    "wilson": ("representativeness",
               {"nl": "Wilson-interval voor een aandeel", "en": "Wilson interval for a share"},
               {"nl": "95%-betrouwbaarheidsinterval voor het aandeel van een groep in het forum; blijft betrouwbaar bij kleine aantallen.",
                "en": "95% confidence interval for the share of a group in the forum; stays reliable with small numbers."},
               "Wilson, E.B. (1927). JASA 22, 209-212; statsmodels proportion_confint(method='wilson')."),
    "ratio": ("representativeness",
              {"nl": "Representatieverhouding", "en": "Representation ratio"},
              {"nl": "Aandeel in het forum gedeeld door aandeel in de bevolking. Een groep heet ondervertegenwoordigd als de verhouding onder de drempel ligt (standaard 0,8) én het 95%-interval het bevolkingsaandeel niet bevat (oververtegenwoordigd: boven 1,25, interval er geheel boven). Valt het bevolkingsaandeel binnen het interval, dan heet het verschil ‘lager (of hoger) dan de bevolking, binnen de toevalsmarge’.",
               "en": "Share in the forum divided by share in the population. A group counts as under-represented when the ratio is below the threshold (default 0.8) and its 95% interval does not hold the population share (over-represented: above 1.25, interval wholly above). When the interval holds the population share, the gap is called 'below (or above) the population share, within chance'."},
              "OECD (2021), Evaluation Guidelines for Representative Deliberative Processes."),
    "gof": ("representativeness",
            {"nl": "Toets op samenstelling (goodness of fit)", "en": "Goodness-of-fit test of composition"},
            {"nl": "Chi-kwadraattoets van de verdeling over categorieën tegen de bevolking; bij kleine verwachte aantallen (< 5) een exacte multinomiale of Monte-Carlotoets met vaste seed.",
             "en": "Chi-square test of the distribution over categories against the population; with small expected counts (< 5) an exact multinomial or seeded Monte Carlo test."},
            "Pearson (1900); scipy.stats.chisquare; R chisq.test(simulate.p.value=TRUE)."),
    "cohens_w": ("representativeness",
                 {"nl": "Effectgrootte w en totale variatieafstand", "en": "Effect size w and total variation distance"},
                 {"nl": "w = √Σ(p−π)²/π (0,1 klein, 0,3 middel, 0,5 groot); de totale variatieafstand is het deel van het forum dat van groep zou moeten wisselen om de bevolking te spiegelen.",
                  "en": "w = √Σ(p−π)²/π (0.1 small, 0.3 medium, 0.5 large); total variation distance is the share of the forum that would have to change group to mirror the population."},
                 "Cohen, J. (1988). Statistical Power Analysis, ch. 7."),
    "attrition": ("representativeness",
                  {"nl": "Uitval naar groep", "en": "Drop-out by group"},
                  {"nl": "Vergelijkt wie begon met wie afrondde; Fisher-exacte toets (2 categorieën) of chi-kwadraat of uitval per groep verschilt. Bij 2 categorieën is de odds ratio de kans op uitval in de tweede categorie van het codeboek ten opzichte van de eerste.",
                   "en": "Compares who started with who completed; Fisher exact test (2 categories) or chi-square of whether drop-out differs by group. With 2 categories the odds ratio is the odds of dropping out in the codebook's second category relative to its first."},
                  "Fisher (1922); scipy.stats.fisher_exact, chi2_contingency."),
    "lottery": ("representativeness",
                {"nl": "Controle van de loting", "en": "Audit of the draw"},
                {"nl": "Ieders kans om geloot te worden onder de methode van de organisator (maximin, nash of legacy), berekend "
                       "met sortition-algorithms uit de pool, de quota en de panelgrootte: maximin en nash exact (de verdeling "
                       "over panels die het pakket berekent), legacy geschat uit gesimuleerde lotingen met vaste seed en "
                       "gemiddeld per combinatie van kenmerken. Per groep de gemiddelde kans tegen de gelijke kans (panel / "
                       "pool); of het geloote panel de quota haalt; en hoe gewoon zijn samenstelling is: het percentiel (middenrang) "
                       "van zijn afstand tot de verwachte samenstelling onder de panels van de methode. Een groep met minder "
                       "dan min_cell_size mensen in de pool of het panel (en een groep waaruit zo'n aantal terug te rekenen is) "
                       "wordt niet getoond; de grafiek toont alleen de gesorteerde kansen, zonder personen of kenmerken.",
                 "en": "Each person's chance to be drawn under the organiser's method (maximin, nash or legacy), computed with "
                       "sortition-algorithms from the pool, the quotas and the panel size: maximin and nash exactly (the "
                       "distribution over panels the package computes), legacy estimated from seeded simulated draws and "
                       "averaged per combination of features. Per group the mean chance against the equal chance (panel / "
                       "pool); whether the drawn panel meets the quotas; and how typical its composition is: the (mid-rank) "
                       "percentile of its distance to the expected composition among the method's panels. A group with fewer "
                       "than min_cell_size people in the pool or the panel (and a group such a count could be worked out from) "
                       "is not shown; the chart shows only the sorted chances, no person and no feature."},
                "Flanigan, Gölz, Gupta, Hennig & Procaccia (2021), Fair algorithms for selecting citizens' assemblies, "
                "Nature 596, 548-552; sortition-algorithms (Sortition Foundation)."),
    "paired": ("attitudes",
               {"nl": "Gepaarde t-toets en Wilcoxon-rangtekentoets", "en": "Paired t-test and Wilcoxon signed-rank test"},
               {"nl": "Verandering per lid tussen twee metingen, alleen voor wie beide keren antwoordde; de Wilcoxon-toets vraagt geen normale verdeling.",
                "en": "Change per member between two waves, only for those who answered both times; the Wilcoxon test does not assume a normal distribution."},
               {"nl": "Student (1908); Wilcoxon (1945); pingouin.ttest, pingouin.wilcoxon; gecontroleerd met R t.test en wilcox.test.",
                "en": "Student (1908); Wilcoxon (1945); pingouin.ttest, pingouin.wilcoxon; checked against R t.test and wilcox.test."}),
    "effect": ("attitudes",
               {"nl": "Effectgroottes d_z, g_av en rang-biseriële correlatie", "en": "Effect sizes d_z, g_av and rank-biserial correlation"},
               {"nl": "Gemiddelde verandering gedeeld door de spreiding van de veranderingen (d_z) of van de metingen (g_av: gedeeld door de wortel uit het gemiddelde van de twee varianties, maal de correctie 1 − 3/(8n − 9) voor n paren).",
                "en": "Mean change divided by the spread of the changes (d_z) or of the measurements (g_av: divided by the square root of the mean of the two waves' variances, times the correction 1 − 3/(8n − 9) for n pairs)."},
               "Lakens, D. (2013). Frontiers in Psychology 4:863; Cumming (2012); pingouin.compute_effsize(paired=True, eftype='hedges')."),
    "multiple": ("attitudes",
                 {"nl": "Correctie voor meervoudig toetsen", "en": "Correction for multiple testing"},
                 {"nl": "Holm (familiewise) en Benjamini-Hochberg (false discovery rate) over de gepubliceerde items van één metingpaar: een verborgen rij (te weinig paren) telt niet mee, zodat de getoonde gecorrigeerde p-waarden niets over haar zeggen. De tekst noemt iets alleen ‘veranderd’ als de Holm-gecorrigeerde p < 0,05 en het interval 0 uitsluit.",
                  "en": "Holm (familywise) and Benjamini-Hochberg (false discovery rate) across the published items of one wave pair: a hidden row (too few pairs) is no member of the family, so the adjusted p-values shown say nothing about it. The text calls something 'changed' only when the Holm-adjusted p < 0.05 and the interval excludes 0."},
                 "Holm (1979); Benjamini & Hochberg (1995); statsmodels multipletests; R p.adjust."),
    "support": ("attitudes",
                {"nl": "Aandeel voorstanders", "en": "Share in support"},
                {"nl": "Aandeel antwoorden in het steunbereik (bijv. 6-10 op 0-10) onder de geldige antwoorden van elke meting zelf; ‘weet niet’ telt niet mee en wordt apart getoond. Daarnaast de verschuiving bij wie beide metingen invulde (n paren), getoetst met de gepaarde McNemar-toets: exact (binomiaal) bij minder dan 25 leden die van kant wisselden, anders chi-kwadraat met continuïteitscorrectie.",
                 "en": "Share of answers in the support range (e.g. 6-10 on 0-10) among each wave's own valid answers; 'don't know' is left out and shown separately. Beside it the shift among those who answered both waves (n pairs), tested with the paired McNemar test: exact (binomial) when fewer than 25 members changed sides, otherwise chi-square with continuity correction."},
                {"nl": "Fishkin et al. (2021), APSR; de grafieken van America in One Room; McNemar (1947); statsmodels mcnemar; gecontroleerd met R mcnemar.test en binom.test.",
                 "en": "Fishkin et al. (2021), APSR; America in One Room charts; McNemar (1947); statsmodels mcnemar; checked against R mcnemar.test and binom.test."}),
    "alpha": ("attitudes",
              {"nl": "Betrouwbaarheid (Cronbachs alfa)", "en": "Reliability (Cronbach's alpha)"},
              {"nl": "Hoe samenhangend de items van een schaal zijn, per meting en per groep (forumleden en controlegroep apart, nooit samengevoegd), met 95%-interval.",
               "en": "How consistently the items of a scale hang together, per wave and per group (forum members and the control group separately, never pooled), with a 95% interval."},
              {"nl": "Cronbach (1951); pingouin.cronbach_alpha; gecontroleerd met R psych::alpha.",
               "en": "Cronbach (1951); pingouin.cronbach_alpha; checked against R psych::alpha."}),
    "agreement": ("attitudes",
                  {"nl": "Overeenstemming A (Van der Eijk)", "en": "Agreement A (van der Eijk)"},
                  {"nl": "Van −1 (gepolariseerd: twee tegengestelde kampen) via 0 (gelijk verdeeld) tot 1 (iedereen eens).",
                   "en": "From −1 (polarized: two opposite camps) through 0 (evenly spread) to 1 (full agreement)."},
                  "Van der Eijk, C. (2001). Quality & Quantity 35, 325-341."),
    "did": ("attitudes",
            {"nl": "Verschil-in-verschillen met een gemengd model", "en": "Difference-in-differences with a mixed model"},
            {"nl": "Score ~ meting × groep met een willekeurig intercept per persoon (REML): de interactie is de verandering bij leden bovenop die in de controlegroep; gebruikt alle beschikbare antwoorden. Standaardfout: die van statsmodels MixedLM, uit de waargenomen informatie (de inverse Hessiaan van de REML-likelihood over vaste effecten en variantie samen), met z-toets en Wald-interval. lme4, nlme en SAS geven de conventionele σ²(X′V⁻¹X)⁻¹; een onafhankelijke herberekening in R week daar hoogstens 0,07% van af.",
             "en": "Score ~ wave × group with a random intercept per person (REML): the interaction is the change among members beyond that in the control group; uses all available answers. Standard error: statsmodels MixedLM's, from the observed information (the inverse Hessian of the REML likelihood over fixed effects and variance together), with a z-test and Wald interval. lme4, nlme and SAS report the conventional σ²(X′V⁻¹X)⁻¹; an independent re-computation in R differed from it by at most 0.07%."},
            {"nl": "Laird & Ware (1982); statsmodels MixedLM (fit(reml=True), bse); Bates et al. (2015) lme4 vcov voor de conventionele standaardfout.",
             "en": "Laird & Ware (1982); statsmodels MixedLM (fit(reml=True), bse); Bates et al. (2015) lme4 vcov for the conventional SE."}),
    "raking": ("attitudes",
               {"nl": "Herweging (raking) als gevoeligheidsanalyse", "en": "Reweighting (raking) as a sensitivity analysis"},
               {"nl": "Gewichten die het forum laten aansluiten op de bevolkingsmarges; verschuivingen gewogen naast ongewogen.",
                "en": "Weights that align the forum with the population margins; shifts weighted beside unweighted."},
               {"nl": "Deming & Stephan (1940); Kish (1965), effectieve steekproefomvang.",
                "en": "Deming & Stephan (1940); Kish (1965) effective sample size."}),
    "dri": ("attitudes",
            {"nl": "Deliberatieve-redenindex (DRI)", "en": "Deliberative Reason Index (DRI)"},
            {"nl": "Per paar leden: de overeenstemming over de overwegingen (Spearman q) naast die over de voorkeuren (Spearman r); de DRI van een lid is 1 − 2 × het gemiddelde |r − q| over zijn paren, die van de groep het gemiddelde van de leden (1: wie het eens is over de redenen, is het ook eens over wat te doen). De verandering tussen metingen bij leden met beide, met een permutatietoets (metingen per lid verwisseld; exact bij weinig leden).",
             "en": "For each pair of members: agreement on the considerations (Spearman q) beside agreement on the preferences (Spearman r); a member's DRI is 1 − 2 × the mean |r − q| over their pairs, the group's the mean over members (1: those who agree on the reasons also agree on what to do). The change between waves among members with both, with a permutation test (waves swapped within member; exact with few members)."},
            "Niemeyer & Veri (2022), Research Methods in Deliberative Democracy ch. 7; Niemeyer, Veri, Dryzek & Bächtiger (2024), APSR 118(1); scaling as in social-protocols/dri-in-polis."),
    "rates": ("follow_up",
              {"nl": "Reactie- en overnamepercentage", "en": "Response and adoption rates"},
              {"nl": "Aandeel aanbevelingen met een formele reactie; aandeel (deels) overgenomen, ook gewogen naar de steun in het forum.",
               "en": "Share of recommendations with a formal response; share adopted (in part), also weighted by the forum's support."},
              "Kamerbrief 17 maart 2023 (randvoorwaarden); OECD (2021)."),
    "latency": ("follow_up",
                {"nl": "Reactietermijn", "en": "Response time"},
                {"nl": "Dagen van overdracht tot formele reactie, tegen de toegezegde termijn; aanbevelingen zonder reactie tellen door tot de peildatum.",
                 "en": "Days from handover to formal response, against the promised term; recommendations without a response count up to the reference date."},
                "Kamerbrief 17 maart 2023."),
    "preconditions": ("follow_up",
                      {"nl": "Scorekaart randvoorwaarden", "en": "Preconditions scorecard"},
                      {"nl": "Per randvoorwaarde uit de Kamerbrief het oordeel (voldaan, deels, niet, onbekend) met bewijs, naast wat de gegevens zelf zeggen; gekoppeld aan de OESO-criteria en de KNOCA-impactgebieden.",
                       "en": "For each precondition of the letter the assessment (met, partly, not, unknown) with evidence, beside what the data themselves say; mapped to the OECD criteria and KNOCA impact areas."},
                      "Kamerbrief 17 maart 2023; OECD (2021); KNOCA Impact Evaluation Framework v2 (2024)."),
    "privacy": ("data",
                {"nl": "Privacy: onderdrukking van kleine cellen", "en": "Privacy: small-cell suppression"},
                {"nl": "Geen gepubliceerd aantal (of daarvan afgeleid cijfer) onder de minimale celgrootte (standaard 5); geen antwoorden van individuele respondenten; vrije tekst alleen als het forum daarom vraagt, en geëscaped.",
                 "en": "No published count (or figure derived from one) below the minimum cell size (default 5); no individual respondents' answers; free text only when the forum asks for it, and escaped."},
                {"nl": "De praktijk van statistische geheimhouding bij CBS en Eurostat.",
                 "en": "CBS/Eurostat statistical disclosure control practice."}),
    "disclosure_joint": ("data",
                         {"nl": "Aanvullende onderdrukking, één besluit voor alle tabellen",
                          "en": "Complementary suppression, one decision for every table"},
                         {"nl": "Waar een verborgen aantal terug te rekenen is uit het totaal en de getoonde aantallen (ook over tabellen heen: samenstelling, wervingstrechter, uitval; tweewegsgroepen tegen de aantallen per kenmerk; antwoordgroepen van een vraag), wordt ook het kleinste aantal verborgen dat dat verhindert (–); een geheeltallig programma controleert dat elk verborgen aantal meer dan één waarde kan hebben. Een verborgen cel toont ook geen aandeel, interval, verschil of oordeel (onder/over), en staat onderaan de tabel: die zouden het aantal begrenzen.",
                          "en": "Where a hidden count could be worked out from the total and the counts shown (also across tables: composition, recruitment funnel, drop-out; two-way groups against the counts per characteristic; the answer groups of a question), the smallest count that prevents this is hidden as well (–); an integer program checks that every hidden count can take more than one value. A hidden cell shows no share, interval, difference or verdict (under/over) either, and comes last in its table: they would bound the count."},
                         "Hundepool et al. (2012), Statistical Disclosure Control, ch. 4 (secondary suppression); scipy.optimize.linprog (HiGHS)."),
    "disclosure_rows": ("data",
                        {"nl": "Verborgen rijen publiceren niets", "en": "Hidden rows publish nothing"},
                        {"nl": "Een rij statistieken (een verandering, een kloof tussen subgroepen, een kennisvraag, een meting) die 1 tot de minimale celgrootte min 1 personen beschrijft, toont alleen wat ze benoemt: geen gemiddelden, intervallen, d_z, p-waarden (ook niet Holm), aandelen voorstanders, toetsgrootheden of alt-teksten; in results.json, de tabellen, de figuren, de samenvatting en de vergelijking. Verschil-in-verschillen wordt niet gepubliceerd als een groep in een van de metingen zo klein is, en de omvang van een controlegroep evenmin; het aantal personen in een subgroepmodel niet als een te kleine subgroep is weggelaten.",
                         "en": "A row of statistics (a change, a gap between subgroups, a quiz question, a wave) that describes 1 to the minimum cell size minus 1 people shows only what names it: no means, intervals, d_z, p-values (Holm neither), support shares, test statistics or alt texts; in results.json, the tables, the figures, the summary and the comparison. Difference in differences is not published when a group is that small in one of the waves, nor is the size of such a control group; the number of people in a subgroup model is not published when a subgroup too small was left out."},
                        "Hundepool et al. (2012), Statistical Disclosure Control, ch. 5 (magnitude tables)."),
    "disclosure_counts": ("data",
                          {"nl": "Afgeleide aantallen", "en": "Derived counts"},
                          {"nl": "Ook een verschil of aandeel is een aantal: wie begon min wie afrondde (uitval per groep, en in totaal: dan ook het aantal dat afrondde niet), het aandeel dat het eens is of een vraag goed had maal n, het aantal vervangers en hoe vaak zij op hun voorganger leken. Zo’n aantal van 1 tot de minimale celgrootte min 1 is niet te zien of terug te rekenen. Wie welke metingen invulde: de aantallen per meting zijn elders gepubliceerd, dus die tellen mee in de aanvullende onderdrukking; geven ze alleen al een klein aantal prijs, dan wordt niet getoond welke patronen voorkomen. Ledenaantallen per subgroep: geen enkel als één subgroep van het kenmerk te klein is. Uitsluitingen per reden: kleine aantallen als ‘<n’. Niet beschermd (een keuze): hoeveel records elk invoerbestand heeft (herkomst) en records in = geanalyseerd + uitgesloten per bestand, omdat die de controle van de gegevens mogelijk maken; daaruit volgt de omvang van een kleine controlegroep, maar over die groep wordt niets geanalyseerd gepubliceerd.",
                           "en": "A difference or a share is a count too: who started minus who completed (drop-out per group, and in total: then the number who completed is not shown either), the share who agree or answered correctly times n, the number of replacements and how often they matched the person replaced. Such a count of 1 to the minimum cell size minus 1 is not shown and cannot be worked out. Who answered which waves: each wave's numbers are published elsewhere, so they enter the complementary suppression; where they alone give a small count away, which patterns occur is not shown. Members per subgroup: none when one subgroup of the variable is too small. Exclusions per reason: small counts as ‘<n’. Not protected (a choice): how many records each input file has (provenance) and records in = analysed + excluded per file, because they let the data be checked; they give the size of a small control group, but nothing analysed about that group is published."},
                          "Hundepool et al. (2012), ch. 4-5."),
    "disclosure_distribution": ("data",
                                {"nl": "Verdeling van de antwoorden", "en": "Distribution of answers"},
                                {"nl": "Een staafdiagram van het aandeel per antwoord, met het aantal antwoorden per meting, geeft elk aantal per antwoord (aandeel maal n). Daarom worden aangrenzende antwoorden samengenomen (in elke meting dezelfde reeksen) tot elke reeks in elke meting niemand of ten minste de minimale celgrootte telt; een meting met minder antwoorden wordt niet getoond. Met het aantal, het gemiddelde en de standaardafwijking per meting (tabel van de spreiding) en het aandeel voorstanders controleert een geheeltallig programma dat geen aantal van 1 tot de minimale celgrootte min 1 binnen een reeks vastligt; anders worden reeksen verder samengenomen. Blijven er minder dan twee reeksen over, dan wordt de verdeling van die vraag niet getoond (ook niet in results.json). Overeenstemming A, bimodaliteit en kwartielen zijn verdere vergelijkingen in dezelfde aantallen (de bimodaliteit legt het derde en vierde moment vast): ze worden niet gepubliceerd voor een meting waarin 1 tot de minimale celgrootte min 1 leden een van de antwoorden gaven.",
                                 "en": "A bar chart of the share per answer, with each wave's number of answers, gives every answer's count (share times n). So adjacent answers are merged (the same ranges in every wave) until each range holds nobody or at least the minimum cell size in every wave; a wave with fewer answers is not shown. With each wave's number, mean and standard deviation (the spread table) and support share, an integer program checks that no count of 1 to the minimum cell size minus 1 inside a range takes one value only; otherwise ranges are merged further. With fewer than two ranges left, the question's distribution is not shown (nor in results.json). Agreement A, bimodality and quartiles are further equations in the same counts (bimodality fixes the third and fourth moments): they are not published for a wave in which 1 to the minimum cell size minus 1 members gave one of the answers."},
                                "Hundepool et al. (2012), ch. 4 (global recoding); scipy.optimize.milp (HiGHS)."),
    "disclosure_shares": ("data",
                          {"nl": "Aandelen voorstanders en ‘weet niet’", "en": "Support and ‘don't know’ shares"},
                          {"nl": "Een aandeel voorstanders (of ‘weet niet’) maal het aantal antwoorden waarop het berekend is, is een aantal personen: 55% → 33% van 3 is 1 van 3. Zijn de voorstanders of de anderen 1 tot de minimale celgrootte min 1, dan wordt dat aandeel niet gepubliceerd (tabel, zinnen, samenvatting, results.json, weging, vergelijking); het andere aandeel van de pijl blijft staan als het zelf veilig is.",
                           "en": "A support (or ‘don't know’) share times the number of answers it is of is a number of people: 55% → 33% of 3 is 1 of 3. When the supporters or the others number 1 to the minimum cell size minus 1, that share is not published (table, sentences, summary, results.json, weighting, comparison); the other share of the arrow stays when it is safe itself."},
                          "Hundepool et al. (2012), ch. 4."),
    "disclosure_tests": ("data",
                         {"nl": "Toetsen over tabellen met verborgen cellen", "en": "Tests over tables with hidden cells"},
                         {"nl": "Een toets op samenstelling (X², w, totale variatieafstand) of op uitval, berekend op alle cellen, laat met het totaal en de getoonde cellen de verborgen cellen terugrekenen. Heeft een kenmerk verborgen cellen, dan wordt de toets berekend met die categorieën samengenomen tot één (hun aantal is het totaal min de getoonde aantallen, hun bevolkingsaandeel de som): de uitkomst hangt dan alleen af van gepubliceerde getallen en zegt niets meer over de verborgen cellen. De tabel noemt hoeveel categorieën zijn samengenomen; blijft er één categorie over, dan is er geen toets.",
                          "en": "A test of composition (X², w, total variation distance) or of drop-out computed on every cell lets the hidden cells be worked out from the total and the cells shown. When a characteristic has hidden cells, the test is computed with those categories pooled into one (its count is the total minus the counts shown, its population share their sum): the result then depends on published numbers only and says nothing more about the hidden cells. The table says how many categories were pooled; when one category is left, there is no test."},
                         "Hundepool et al. (2012), ch. 4; Pearson (1900)."),
}

_HEAD = {"nl": ("Methode", "Wat het is", "Bron"), "en": ("Method", "What it is", "Reference")}


def methods_table(lang: str, sections: list[str] | None = None, used: set[str] | None = None) -> pd.DataFrame:
    """One row per method: name, plain-language definition, reference.

    Parameters
    ----------
    lang : {"nl", "en"}
    sections : list of str, optional
        Only the methods of these sections (default all).
    used : set of str, optional
        Only these method ids (:func:`methods_used`); default every method of `sections`.

    Examples
    --------
    >>> methods_table("en", ["data"]).iloc[0, 0]
    'Privacy: small-cell suppression'
    >>> methods_table("nl", ["attitudes"], used={"alpha"}).iloc[0, 2]
    'Cronbach (1951); pingouin.cronbach_alpha; gecontroleerd met R psych::alpha.'
    """
    rows = [(name[lang], definition[lang], ref[lang] if isinstance(ref, dict) else ref)
            for mid, (sec, name, definition, ref) in METHODS.items()
            if (sections is None or sec in sections) and (used is None or mid in used)]
    return pd.DataFrame(rows, columns=list(_HEAD[lang]))


def methods_used(results: dict) -> set[str]:
    """The methods a report with these key figures (results.json) uses: none of a section without data,
    no difference in differences without a control group, no weighting when none was done, no
    preconditions scorecard where the preconditions were not applied.

    Examples
    --------
    >>> sorted(methods_used({"representativeness": None, "attitudes": None, "follow_up": None}))
    ['disclosure_counts', 'disclosure_joint', 'disclosure_rows', 'disclosure_tests', 'privacy']
    """
    used = {mid for mid, (sec, *_rest) in METHODS.items() if sec == "data" or results.get(sec) is not None}
    att = results.get("attitudes") or {}
    if not att:  # the disclosure rules of the attitudes' answer distributions and support shares
        used -= {"disclosure_distribution", "disclosure_shares"}
    if att and not (att.get("settings") or {}).get("has_control"):
        used.discard("did")
    if att and not (att.get("weighting") or {}).get("n_eff"):
        used.discard("raking")
    if att and not att.get("dri"):
        used.discard("dri")  # the surveys hold no DRI instrument
    rep = results.get("representativeness") or {}
    if rep and (rep.get("settings") or {}).get("one_stage"):
        used.discard("attrition")  # counts at one stage: no drop-out computed
    if not rep.get("lottery"):
        used.discard("lottery")  # no pool: the draw was not audited
    fu = results.get("follow_up") or {}
    if fu and not fu.get("preconditions"):
        used.discard("preconditions")  # a framework the forum never adopted
    return used

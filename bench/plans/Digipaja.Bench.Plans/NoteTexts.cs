namespace Digipaja.Bench.Plans;

/// <summary>
/// Varied Finnish note texts of the lengths workshops write (a short phrase to two sentences), put together from
/// fragments with a seeded random generator, so every run generates the same county.
/// </summary>
public sealed class NoteTexts(int seed)
{
    private readonly Random random = new(seed);

    private static readonly string[] Who =
    [
        "Asiakas", "Omainen", "Ikääntynyt asiakas", "Nuori", "Lapsen vanhempi", "Työikäinen", "Omaishoitaja", "Pitkäaikaissairas",
        "Kotihoidon asiakas", "Opiskelija", "Maahan muuttanut asiakas", "Vammainen henkilö", "Päihdeasiakas", "Raskaana oleva",
    ];

    private static readonly string[] Does =
    [
        "kysyy chatissa", "lähettää kiireettömän viestin", "täyttää lomakkeen", "saa vastauksen", "varaa ajan", "tarkistaa tietonsa",
        "ohjataan oikeaan palveluun", "kertoo tilanteestaan", "haluaa tietää", "pyytää neuvoa", "ilmoittaa muutoksesta", "hakee palvelua",
    ];

    private static readonly string[] About =
    [
        "ennen ensimmäistä käyntiä", "hoitojakson aikana", "kotiutuksen jälkeen", "lääkityksen muutoksesta", "laboratoriotuloksista",
        "palvelutarpeen arvioinnista", "omaishoidon vapaista", "ajanvarauksen siirrosta", "kuntoutuksen jatkosta", "toimeentulotuesta",
        "kotikäyntien ajoista", "apuvälineen korjauksesta", "rokotuksista", "hammashoidon kiireellisyydestä", "terapiaan pääsystä",
        "asumispalvelun hakemisesta", "reseptin uusimisesta", "neuvolakäynnin valmistelusta", "jonotusajasta", "laskusta",
    ];

    private static readonly string[] Then =
    [
        "", " ilman puhelinjonoa.", " samana päivänä.", " ja saa ohjeet omahoitoon.", " kahden arkipäivän kuluessa.",
        " ja ammattilainen näkee tiedot ennen käyntiä.", " eikä hänen tarvitse kertoa asiaansa uudelleen.",
        " myös iltaisin ja viikonloppuisin.", " omalla kielellään.", " ja tietää, mitä seuraavaksi tapahtuu.",
    ];

    private static readonly string[] Topics =
    [
        "Reseptin uusiminen", "Ajanvarauksen siirto", "Kotiutuksen neuvonta", "Palvelutarpeen arvio", "Omaishoidon tuki",
        "Laboratoriotulosten kysymykset", "Kuntoutuksen jatko", "Terveystarkastuksen kysely", "Lapsiperheen neuvonta",
        "Toimeentulotuen hakemus", "Apuvälineiden lainaus", "Päihdetyön matalan kynnyksen tuki", "Mielenterveyden ensiapu",
        "Hammassäryn arvio", "Kotihoidon käyntimuutokset", "Asumispalvelun haku", "Rokotusneuvonta", "Etäkuntoutus",
        "Vammaispalvelujen hakemus", "Raskausajan seuranta", "Nuorten vastaanotto", "Sosiaaliohjaus", "Lääkityksen tarkistus",
    ];

    private static readonly string[] Channels = ["chatissa", "viestillä", "lomakkeella", "videolla", "konsultaationa", "sovelluksessa"];

    private static readonly string[] Processes =
    [
        "Hoidon tarpeen arviointi", "Lääkehoidon prosessi", "Asiakasohjaus", "Kotihoidon palveluprosessi", "Kuntoutuspolku",
        "Aikuissosiaalityön prosessi", "Suun terveydenhuollon hoitoprosessi", "Päivystysprosessi", "Perhepalvelujen polku",
        "Vammaispalvelujen hakuprosessi", "Mielenterveyspalvelujen hoitopolku", "Terveystarkastukset",
    ];

    private static readonly string[] Professionals =
    [
        "Sairaanhoitajat", "Lähihoitajat", "Lääkärit", "Sosiaalityöntekijät", "Sosiaaliohjaajat", "Fysioterapeutit", "Hammashoitajat",
        "Palvelusihteerit", "Asiakasohjaajat", "Terveydenhoitajat", "Psykiatriset sairaanhoitajat", "Toiminnanohjaajat",
    ];

    private static readonly string[] Works =
    [
        "Laaditaan vastauspohjat yleisimpiin tilanteisiin", "Sovitaan työvuorot ja vastuuhenkilöt", "Kuvataan uusi palveluprosessi",
        "Järjestetään yhteinen kokous yksiköiden kanssa", "Koulutetaan tiimi alustan käyttöön", "Tarkistetaan saavutettavuus",
        "Selvitetään tietosuojan vaikutukset", "Päivitetään verkkosivujen ohjeet", "Testataan lomake asiakkailla",
        "Määritellään viestijonot", "Sovitaan konsultaatiokäytäntö", "Valitaan pilottiyksikkö", "Kootaan palaute pilotista",
    ];

    private static readonly string[] GivenUp =
    [
        "Paperilomakkeiden tulostaminen lopetetaan", "Käsin kirjattu yhteydenottotilasto jää pois", "Erillinen puhelinaika lyhenee",
        "Vanha lomakepalvelu ajetaan alas", "Skannaus kirjaamossa lopetetaan", "Tiimipuhelimeen vastaaminen kotikäynnillä loppuu",
    ];

    public static readonly string[] Owners =
    [
        "Ylihoitaja", "Palveluesihenkilö", "Kehittäjähoitaja", "Tiiminvetäjä", "Vastaava lääkäri", "Palvelupäällikkö",
        "Digituen asiantuntija", "Viestinnän asiantuntija", "Tietosuojavastaava", "Pääkäyttäjä", "Koulutussuunnittelija",
    ];

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public int Next(int max) => random.Next(max);

    public string Sentence()
    {
        var then = Pick(Then);
        return $"{Pick(Who)} {Pick(Does)} {Pick(About)}{(then.Length > 0 ? then : ".")}";
    }

    /// <summary>Usually one sentence, sometimes two: typical notes are 40–200 characters.</summary>
    public string Note() => random.Next(4) == 0 ? Sentence() + " " + Sentence() : Sentence();

    public string ServiceName() => $"{Pick(Topics)} {Pick(Channels)}";

    public string Description() => $"{Sentence()} {Sentence()}";

    public string Process() => Pick(Processes);

    public string Professional() => $"{Pick(Professionals)} {Pick(About)}";

    public string Task() => $"{Pick(Works)} {Pick(About)}";

    public string ThingGivenUp() => Pick(GivenUp);

    public string Owner() => Pick(Owners);

    /// <summary>A day in 2027 or the first half of 2028, when the plans' phases and tasks fall.</summary>
    public DateOnly Date() => new DateOnly(2027, 1, 1).AddDays(random.Next(540));
}

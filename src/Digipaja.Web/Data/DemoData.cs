using Digipaja.Core.Catalogue;
using Digipaja.Core.Organisation;
using Digipaja.Web.Accounts;
using Digipaja.Web.Features.Worksheets;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Data;

/// <summary>
/// The demo installation: the West Uusimaa county with the service areas and lines of its workshop guide,
/// the platform functionalities and metrics named in the source documents, and a second, small county
/// that exists to show that counties never see each other's data. Three service lines of West Uusimaa come with
/// filled worksheets (<see cref="DemoPlans"/>), so their plans are there from the first start.
/// </summary>
public sealed class DemoData(
    DigipajaDb db, UserManager<AppUser> users, TemplateLibrary templates, DemoPlans plans, IConfiguration config, ILogger<DemoData> log)
{
    public const string DefaultPassword = "Digipaja-demo-2026";

    public static readonly (string Email, string Name, Role Role, string County)[] Users =
    [
        ("admin@lansi-uusimaa.demo", "Aino Ylläpitäjä", Role.Administrator, "lansi-uusimaa"),
        ("facilitator@lansi-uusimaa.demo", "Fanni Fasilitaattori", Role.Facilitator, "lansi-uusimaa"),
        ("participant@lansi-uusimaa.demo", "Pekka Osallistuja", Role.Participant, "lansi-uusimaa"),
        ("viewer@lansi-uusimaa.demo", "Veera Lukija", Role.Viewer, "lansi-uusimaa"),
        ("admin@toinen.demo", "Toivo Toinen", Role.Administrator, "toinen"),
    ];

    private static readonly (string Code, string Name, (string Code, string Name)[] Lines)[] WestUusimaa =
    [
        ("IKÄ", "Ikääntyneiden palvelut",
        [
            ("NAO", "Neuvonta, asiakasohjaus ja palvelutarpeen arviointi"),
            ("KAT", "Kotona asumisen tuki"),
            ("AP", "Asumispalvelut"),
            ("SP", "Sairaalapalvelut"),
        ]),
        ("LNP", "Lasten, nuorten ja perheiden palvelut",
        [
            ("EHK", "Ehkäisevät palvelut"),
            ("KOH", "Kohdennetut palvelut"),
            ("ERIT", "Erityispalvelut"),
        ]),
        ("YSTP", "Yhteiset sosiaali- ja terveyspalvelut",
        [
            ("AVO", "Avovastaanotto"),
            ("STH", "Suun terveydenhuolto"),
            ("KUN", "Kuntoutus"),
            ("AIK", "Aikuissosiaalityö"),
            ("MTP", "Mielenterveys- ja päihdepalvelut"),
            ("ASO", "Akuuttihoito ja sairaalaosastot"),
        ]),
        ("VAM", "Vammaispalvelut", [("VAM", "Vammaispalvelut")]),
        ("KOPA", "KOPA – Asiointipalvelut", [("ASI", "Asiointipalvelut")]),
    ];

    private static readonly (string Key, string Name, int Wave)[] FunctionalityCatalogue =
    [
        ("chat", "Chat", 1),
        ("messages", "Kiireettömät viestit", 1),
        ("forms", "Lomakkeet", 1),
        ("video", "Videotapaamiset", 2),
        ("consultations", "Konsultaatiot", 2),
        ("health-data", "Terveys- ja hyvinvointitiedot", 2),
        ("booking", "Ajanvaraus", 3),
        ("care-paths", "Digipolut", 3),
        ("ombudsman", "Anonyymi yhteydenotto sosiaali- ja potilasasiavastaavaan", 3),
        ("own-data", "Omien tietojen katselu", 3),
        ("assessments", "Oire- ja palvelutarpeen arviot", 3),
    ];

    private static readonly (string Name, string Definition, string Unit, MetricDirection Direction, string Source)[] MetricLibrary =
    [
        ("Sovelluslataukset", "Asiointisovelluksen lataukset seurantajakson aikana.", "kpl", MetricDirection.HigherIsBetter, "Sovelluskauppojen tilastot"),
        ("Etäkontaktien määrä", "Chatissa, viesteillä ja videolla hoidetut asiakaskontaktit.", "kpl / kk", MetricDirection.HigherIsBetter, "Asiointialustan raportointi"),
        ("Asiakaspalaute", "Asiakkaiden antama arvio asioinnista asioinnin jälkeen.", "keskiarvo 1–5", MetricDirection.HigherIsBetter, "Asiointialustan palautekysely"),
        ("Ammattilaisen hoitamat kontaktit päivässä", "Yhden ammattilaisen päivässä loppuun käsittelemät yhteydenotot.", "kpl / pv", MetricDirection.HigherIsBetter, "Asiointialustan raportointi"),
        ("Häiriökysynnän osuus", "Yhteydenotot, joissa asiakas palaa samaan asiaan, jää ilman palvelua tai saa väärän palvelun, osuutena kaikista.", "%", MetricDirection.LowerIsBetter, "Otantaan perustuva kirjaus tai alustan raportointi"),
        ("Chatin vastausaika", "Aika asiakkaan ensimmäisestä viestistä ammattilaisen ensimmäiseen vastaukseen.", "min", MetricDirection.LowerIsBetter, "Asiointialustan raportointi"),
        ("Kiireettömän viestin vastausaika", "Aika viestin saapumisesta asiakkaalle lähetettyyn vastaukseen.", "h", MetricDirection.LowerIsBetter, "Asiointialustan raportointi"),
        ("Digitaalisen asioinnin osuus", "Digitaalisesti hoidettujen yhteydenottojen osuus kaikista yhteydenotoista.", "%", MetricDirection.HigherIsBetter, "Asiointialusta ja puhelinjärjestelmä"),
        ("Sähköisesti lähetetyt lomakkeet", "Asiointialustalla täytetyt ja lähetetyt lomakkeet.", "kpl / kk", MetricDirection.HigherIsBetter, "Asiointialustan raportointi"),
        ("Henkilöstön kokemus työn sujuvuudesta", "Ammattilaisten arvio siitä, onko digitaalinen asiointi helpottanut työtä.", "keskiarvo 1–5", MetricDirection.HigherIsBetter, "Henkilöstökysely"),
    ];

    /// <summary>The demo counties into an empty database, then the demo plans into demo lines no series uses yet.</summary>
    public async Task SeedAsync(CancellationToken ct = default)
    {
        await SeedIfEmptyAsync(ct);
        // The demo series are made from the county's active templates, which a fresh county does not have yet.
        await templates.EnsureBuiltInTemplatesAsync(ct);
        await plans.SeedAsync(ct);
    }

    /// <summary>Seeds both demo counties into a database without any county; a database with data is left alone.</summary>
    public async Task SeedIfEmptyAsync(CancellationToken ct = default)
    {
        if (await db.Counties.AnyAsync(ct)) return;

        var west = new County { Slug = "lansi-uusimaa", Name = "Länsi-Uudenmaan hyvinvointialue" };
        var second = new County { Slug = "toinen", Name = "Toinen hyvinvointialue (demo)" };
        db.Counties.AddRange(west, second);

        AddOrganisation(west, WestUusimaa);
        AddOrganisation(second,
        [
            ("TER", "Terveyspalvelut", [("VOS", "Vastaanottopalvelut"), ("SUU", "Suun terveys")]),
        ]);
        foreach (var county in new[] { west, second })
        {
            db.Functionalities.AddRange(FunctionalityCatalogue.Select(f =>
                new Functionality { CountyId = county.Id, Key = f.Key, Name = f.Name, Wave = f.Wave }));
            db.Metrics.AddRange(MetricLibrary.Select(m => new Metric
            {
                CountyId = county.Id, Name = m.Name, Definition = m.Definition, Unit = m.Unit,
                Direction = m.Direction, DataSource = m.Source,
            }));
        }
        await db.SaveChangesAsync(ct);

        var password = config["Demo:Password"] is { Length: > 0 } p ? p : DefaultPassword;
        var counties = new Dictionary<string, Guid> { [west.Slug] = west.Id, [second.Slug] = second.Id };
        foreach (var (email, name, role, county) in Users)
        {
            var user = new AppUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, Role = role,
                CountyId = counties[county],
            };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
                throw new InvalidOperationException(
                    $"Demo user {email} could not be created: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
        log.LogInformation("Seeded the demo counties and their users");
    }

    private void AddOrganisation(County county, (string Code, string Name, (string Code, string Name)[] Lines)[] areas)
    {
        var order = 0;
        foreach (var (code, name, lines) in areas)
        {
            var area = new ServiceArea { CountyId = county.Id, Code = code, Name = name, SortOrder = order++ };
            area.ServiceLines.AddRange(lines.Select(l =>
                new ServiceLine { CountyId = county.Id, ServiceAreaId = area.Id, Code = l.Code, Name = l.Name }));
            db.ServiceAreas.Add(area);
        }
    }
}

using Digipaja.Core.Catalogue;
using Digipaja.Core.Organisation;
using Digipaja.Web.Accounts;
using Digipaja.Web.Features.Worksheets;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Data;

/// <summary>
/// The demo installation: the West Uusimaa county with the service areas and lines of its workshop guide, the
/// platform's functionalities and metric library, and a second, small county that exists to show that counties never
/// see each other's data (all of it data: <see cref="DemoContent.Counties"/>), with the demo users. Three service lines
/// of West Uusimaa come with filled worksheets (<see cref="DemoPlans"/>), so their plans are there from the first start.
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

        var demo = DemoContent.Counties;
        var counties = demo.Counties.Select(c => (Demo: c, Entity: new County { Slug = c.Slug, Name = c.Name })).ToList();
        db.Counties.AddRange(counties.Select(c => c.Entity));
        foreach (var (content, county) in counties) AddOrganisation(county, content.Areas);
        foreach (var (_, county) in counties)
        {
            db.Functionalities.AddRange(demo.Functionalities.Select(f =>
                new Functionality { CountyId = county.Id, Key = f.Key, Name = f.Name, Wave = f.Wave }));
            db.Metrics.AddRange(demo.Metrics.Select(m => new Metric
            {
                CountyId = county.Id, Name = m.Name, Definition = m.Definition, Unit = m.Unit,
                Direction = m.Direction, DataSource = m.DataSource,
            }));
        }
        await db.SaveChangesAsync(ct);

        var password = config["Demo:Password"] is { Length: > 0 } p ? p : DefaultPassword;
        var ids = counties.ToDictionary(c => c.Entity.Slug, c => c.Entity.Id);
        foreach (var (email, name, role, county) in Users)
        {
            var user = new AppUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, Role = role,
                CountyId = ids[county],
            };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
                throw new InvalidOperationException(
                    $"Demo user {email} could not be created: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
        log.LogInformation("Seeded the demo counties and their users");
    }

    private void AddOrganisation(County county, DemoArea[] areas)
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

using Digipaja.Core.Common;
using Digipaja.Core.Plans;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Workshops;
using Digipaja.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Plans.Versions;

/// <summary>What a list shows of a published version, without its snapshot.</summary>
public sealed record VersionInfo(
    Guid Id, Guid CountyId, string CountyName, PlanLevel Level, Guid ScopeId, string ScopeCode, string ScopeName, string Name,
    DateTime PublishedAt, Guid? PublishedById, string PublishedBy, bool IsShared, int Version, bool IsOwn);

public enum VersionStatus
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

public sealed record VersionResult<T>(VersionStatus Status, T? Value = default, IReadOnlyList<FieldError>? Errors = null)
{
    public static VersionResult<T> Ok(T value) => new(VersionStatus.Ok, value);
    public static VersionResult<T> NotFound() => new(VersionStatus.NotFound);
    public static VersionResult<T> Forbidden() => new(VersionStatus.Forbidden);
    public static VersionResult<T> Invalid(params FieldError[] errors) => new(VersionStatus.Invalid, Errors: errors);
}

/// <summary>The new series a copied structure started, what it took and what the caller's catalogue lacked.</summary>
public sealed record CopiedStructure(Guid SeriesId, string SeriesName, IReadOnlyList<string> FunctionalityKeys,
    IReadOnlyList<string> SkippedFunctionalityKeys, int ServiceNames);

/// <summary>
/// Publishing, reading, sharing and copying plan versions, for the API and the pages alike.
/// Who sees what: every user of a county reads the county's own versions (reading published plans is the viewer's
/// role); facilitators and administrators publish and choose what is shared. A version another county shares is
/// readable by everyone of the installation, and nothing of it can be written by them: sharing, publishing and every
/// other write look only at the caller's own county, so another county's version is simply not found there.
/// </summary>
public sealed class PlanVersions(
    DigipajaDb db, PlanLoader loader, Access access, SeriesCreator creator, Caller caller,
    TimeProvider clock, Texts T)
{
    public bool CanPublish => access.CanPublish;

    /// <summary>"county", "service-area" or "service-line", as the plan's JSON writes levels; null for anything else.</summary>
    public static PlanLevel? ParseLevel(string? text) => text switch
    {
        "county" => PlanLevel.County,
        "service-area" => PlanLevel.ServiceArea,
        "service-line" => PlanLevel.ServiceLine,
        _ => null,
    };

    public static string LevelName(PlanLevel level) => level switch
    {
        PlanLevel.County => "county",
        PlanLevel.ServiceArea => "service-area",
        _ => "service-line",
    };
    public bool CanCopy => access.CanCreateSeries;

    /// <summary>The code and name of a plan's scope in the caller's county; null when there is no such scope.</summary>
    public async Task<(string Code, string Name)?> ScopeAsync(PlanLevel level, Guid? id, CancellationToken ct = default)
    {
        return level switch
        {
            PlanLevel.County => await db.Counties.Where(c => c.Id == db.CountyId).Select(c => new { c.Slug, c.Name })
                .SingleOrDefaultAsync(ct) is { } c ? (c.Slug, c.Name) : null,
            PlanLevel.ServiceArea => await db.ServiceAreas.Where(a => a.Id == id).Select(a => new { a.Code, a.Name })
                .SingleOrDefaultAsync(ct) is { } a ? (a.Code, a.Name) : null,
            _ => await db.ServiceLines.Where(l => l.Id == id).Select(l => new { l.Code, l.Name })
                .SingleOrDefaultAsync(ct) is { } l ? (l.Code, l.Name) : null,
        };
    }

    /// <summary>Publishes the plan as it is assembled now. The name is checked before the plan is assembled.</summary>
    public async Task<VersionResult<PlanVersion>> PublishAsync(PlanLevel level, Guid? scopeId, string? name, CancellationToken ct = default)
    {
        if (!access.CanPublish) return VersionResult<PlanVersion>.Forbidden();
        if (PlanVersion.CheckName(name) is { } error) return VersionResult<PlanVersion>.Invalid(error);
        if (await loader.LoadAsync(level, scopeId, ct) is not { } plan) return VersionResult<PlanVersion>.NotFound();
        var version = PlanVersion.Publish(plan, name!, caller.UserId, caller.UserName ?? "", clock.GetUtcNow().UtcDateTime);
        db.PlanVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return VersionResult<PlanVersion>.Ok(version);
    }

    /// <summary>The caller's county's versions, newest first, optionally of one level and scope.</summary>
    public Task<List<VersionInfo>> OwnAsync(PlanLevel? level = null, Guid? scopeId = null, CancellationToken ct = default)
    {
        var versions = db.PlanVersions.AsQueryable();
        if (level is { } l) versions = versions.Where(v => v.Level == l);
        if (scopeId is { } s) versions = versions.Where(v => v.ScopeId == s);
        return InfosAsync(versions, ct);
    }

    /// <summary>Versions other counties of the installation share, newest first.</summary>
    public Task<List<VersionInfo>> SharedByOthersAsync(CancellationToken ct = default)
    {
        var county = db.CountyId;
        return InfosAsync(db.PlanVersions.IgnoreQueryFilters().Where(v => v.IsShared && v.CountyId != county), ct);
    }

    public async Task<VersionInfo?> InfoAsync(Guid id, CancellationToken ct = default) =>
        (await InfosAsync(Readable().Where(v => v.Id == id), ct)).SingleOrDefault();

    /// <summary>The snapshot exactly as stored, in <see cref="PlanJson"/>; null when the caller may not read the version.</summary>
    public Task<string?> SnapshotAsync(Guid id, CancellationToken ct = default) =>
        Readable().Where(v => v.Id == id).Select(v => v.Snapshot).SingleOrDefaultAsync(ct);

    public async Task<Plan?> PlanAsync(Guid id, CancellationToken ct = default) =>
        await SnapshotAsync(id, ct) is { } json ? PlanJson.Deserialize(json) : null;

    /// <summary>Turns sharing on or off. A version number from a stale page or client is a conflict, not an overwrite.</summary>
    public async Task<VersionResult<VersionInfo>> SetSharedAsync(Guid id, bool shared, int? basedOn, CancellationToken ct = default)
    {
        var version = await db.PlanVersions.SingleOrDefaultAsync(v => v.Id == id, ct);
        if (version is null) return VersionResult<VersionInfo>.NotFound();
        if (!access.CanPublish) return VersionResult<VersionInfo>.Forbidden();
        if (basedOn is { } v && v != version.Version)
            return new VersionResult<VersionInfo>(VersionStatus.Conflict, await InfoAsync(id, ct));
        if (version.IsShared != shared)
        {
            version.IsShared = shared;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return new VersionResult<VersionInfo>(VersionStatus.Conflict, await InfoAsync(id, ct));
            }
        }
        return VersionResult<VersionInfo>.Ok((await InfoAsync(id, ct))!);
    }

    /// <summary>
    /// Copies a version's structure as the starting point of the caller's own planning of one of their service lines.
    /// The structure is what the plan is built of, not what the other county wrote about its own situation: a new
    /// workshop series (the toolkit's default workshops, made by <see cref="SeriesCreator"/>) for the chosen line, with
    /// a worksheet for every functionality the version plans (one its roadmap, use cases, work, goals or notes belong
    /// to) that the caller's catalogue has under the same key, and on each worksheet the version's services of that
    /// functionality as service rows, their names pre-filled as notes of the service-name cell (more rows are added
    /// when there are more than five). Use cases, goals, tasks and stories are not copied: the workshops write the
    /// county's own. Functionalities the catalogue lacks are skipped and reported. The version is only read.
    /// </summary>
    public async Task<VersionResult<CopiedStructure>> CopyAsync(Guid id, Guid? serviceLineId, string? name, CancellationToken ct = default)
    {
        var info = await InfoAsync(id, ct);
        if (info is null) return VersionResult<CopiedStructure>.NotFound();
        if (!access.CanCreateSeries) return VersionResult<CopiedStructure>.Forbidden();
        var line = serviceLineId is { } lineId ? await db.ServiceLines.AsNoTracking().SingleOrDefaultAsync(l => l.Id == lineId, ct) : null;
        if (line is null) return VersionResult<CopiedStructure>.Invalid(new FieldError("serviceLineId", "share.copy.choose_line"));
        if (TextRules.CheckOptionalName("name", name, TextRules.NameMaxLength) is { } nameError) return VersionResult<CopiedStructure>.Invalid(nameError);

        var plan = (await PlanAsync(id, ct))!;
        var planned = PlannedFunctionalities(plan);
        var catalogue = await db.Functionalities.Select(f => f.Key).ToListAsync(ct);
        var keys = planned.Where(catalogue.Contains).ToList();
        if (keys.Count == 0) return VersionResult<CopiedStructure>.Invalid(new FieldError("", "share.copy.nothing_to_copy"));

        var seriesName = string.IsNullOrWhiteSpace(name) ? T["share.copy.series_name", line.Code, info.Name] : name.Trim();
        seriesName = DisplayText.Cut(seriesName, TextRules.NameMaxLength).TrimEnd();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (series, errors) = await creator.CreateAsync(new SeriesCreator.Request([line.Id], keys, seriesName), ct);
        if (series is null) return new VersionResult<CopiedStructure>(VersionStatus.Invalid, Errors: errors);

        var sheets = await db.Worksheets.Include(w => w.Template).Include(w => w.Rows)
            .Where(w => w.SeriesId == series.Id && w.FunctionalityId != null).ToListAsync(ct);
        var functionalityKeys = await db.Functionalities.ToDictionaryAsync(f => f.Id, f => f.Key, ct);
        var copiedNames = 0;
        foreach (var sheet in sheets)
        {
            if (sheet.Template!.Parse().FindCell(PlanAssembler.Cells.ServiceName) is null) continue;
            var names = plan.Roadmap.Where(s => s.Functionality?.Key == functionalityKeys[sheet.FunctionalityId!.Value] && s.Name.Trim().Length > 0)
                .Select(s => s.Name.Trim()).Distinct(StringComparer.CurrentCultureIgnoreCase).ToList();
            var rows = sheet.Rows.OrderBy(r => r.Position).ToList();
            for (var i = 0; i < names.Count; i++)
            {
                if (i >= rows.Count)
                {
                    var row = new WorksheetRow { WorksheetId = sheet.Id, Position = i };
                    db.WorksheetRows.Add(row);
                    rows.Add(row);
                }
                db.WorksheetItems.Add(new WorksheetItem
                {
                    WorksheetId = sheet.Id, CellKey = PlanAssembler.Cells.ServiceName, RowId = rows[i].Id, Text = names[i], Position = i,
                    AuthorId = caller.UserId, AuthorName = caller.UserName ?? "",
                });
                copiedNames++;
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return VersionResult<CopiedStructure>.Ok(new CopiedStructure(series.Id, series.Name, keys, planned.Except(keys).ToList(), copiedNames));
    }

    /// <summary>The keys of the functionalities a plan has content for, in the plan's order of functionalities.</summary>
    public static List<string> PlannedFunctionalities(Plan plan)
    {
        var used = plan.Roadmap.Select(s => s.Functionality)
            .Concat(plan.UseCases.Select(u => u.Functionality))
            .Concat(plan.DevelopmentWork.Select(w => w.Functionality))
            .Concat(plan.Goals.Select(g => g.Functionality))
            .Concat(plan.Customers.Concat(plan.Operations).Select(e => e.Functionality))
            .OfType<FunctionalityRef>().Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        return plan.Functionalities.Select(f => f.Key).Where(used.Contains)
            .Concat(used.Where(k => plan.Functionalities.All(f => f.Key != k)).Order(StringComparer.Ordinal)).ToList();
    }

    /// <summary>The caller's own versions and those other counties share; nothing for a request without a county.</summary>
    private IQueryable<PlanVersion> Readable()
    {
        var county = db.CountyId;
        return db.PlanVersions.IgnoreQueryFilters().Where(v => county != null && (v.CountyId == county || v.IsShared));
    }

    private async Task<List<VersionInfo>> InfosAsync(IQueryable<PlanVersion> versions, CancellationToken ct)
    {
        var county = db.CountyId;
        var rows = await versions
            .Join(db.Counties, v => v.CountyId, c => c.Id, (v, c) => new
            {
                v.Id, v.CountyId, CountyName = c.Name, v.Level, v.ScopeId, v.ScopeCode, v.ScopeName, v.Name, v.PublishedAt,
                v.PublishedById, v.PublishedByName, v.IsShared, v.Version,
            })
            .OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id)
            .AsNoTracking().ToListAsync(ct);
        return rows.Select(r => new VersionInfo(r.Id, r.CountyId, r.CountyName, r.Level, r.ScopeId, r.ScopeCode, r.ScopeName, r.Name,
                DateTime.SpecifyKind(r.PublishedAt, DateTimeKind.Utc), r.PublishedById, r.PublishedByName, r.IsShared, r.Version,
                r.CountyId == county))
            .ToList();
    }
}

using System.Linq.Expressions;
using System.Text.Json;
using Digipaja.Core.Catalogue;
using Digipaja.Core.Common;
using Digipaja.Core.Organisation;
using Digipaja.Core.Plans;
using Digipaja.Core.Worksheets;
using Digipaja.Core.Workshops;
using Digipaja.Web.Accounts;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Digipaja.Web.Data;

public sealed class DigipajaDb : IdentityUserContext<AppUser, Guid>
{
    // One constructor with the options only, as the context pool requires.
    public DigipajaDb(DbContextOptions<DigipajaDb> options) : base(options) { }

    /// <summary>Who the context works for; set by the request's scope each time it takes a context from the pool.</summary>
    public Caller? Caller { get; set; }

    /// <summary>The caller's county; every county-owned query is filtered by it (null matches nothing).</summary>
    public Guid? CountyId => Caller?.CountyId;

    public DbSet<County> Counties => Set<County>();
    public DbSet<ServiceArea> ServiceAreas => Set<ServiceArea>();
    public DbSet<ServiceLine> ServiceLines => Set<ServiceLine>();
    public DbSet<Functionality> Functionalities => Set<Functionality>();
    public DbSet<Metric> Metrics => Set<Metric>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<WorksheetTemplate> WorksheetTemplates => Set<WorksheetTemplate>();
    public DbSet<WorkshopSeries> WorkshopSeries => Set<WorkshopSeries>();
    public DbSet<SeriesServiceLine> SeriesServiceLines => Set<SeriesServiceLine>();
    public DbSet<SeriesMember> SeriesMembers => Set<SeriesMember>();
    public DbSet<Workshop> Workshops => Set<Workshop>();
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();
    public DbSet<PreTask> PreTasks => Set<PreTask>();
    public DbSet<PreTaskAssignment> PreTaskAssignments => Set<PreTaskAssignment>();
    public DbSet<Worksheet> Worksheets => Set<Worksheet>();
    public DbSet<WorksheetRow> WorksheetRows => Set<WorksheetRow>();
    public DbSet<WorksheetItem> WorksheetItems => Set<WorksheetItem>();
    public DbSet<WorksheetEvent> WorksheetEvents => Set<WorksheetEvent>();
    public DbSet<VoteSession> VoteSessions => Set<VoteSession>();
    public DbSet<Vote> Votes => Set<Vote>();
    public DbSet<PlanVersion> PlanVersions => Set<PlanVersion>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<AppUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(TextRules.NameMaxLength);
            e.Property(u => u.Role).HasConversion<string>().HasMaxLength(20);
            e.Property(u => u.Version).IsConcurrencyToken();
            e.HasOne<County>().WithMany().HasForeignKey(u => u.CountyId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(u => u.CountyId);
        });

        b.Entity<County>(e =>
        {
            e.Property(c => c.Slug).HasMaxLength(60);
            e.Property(c => c.Name).HasMaxLength(TextRules.NameMaxLength);
            e.HasIndex(c => c.Slug).IsUnique();
        });

        b.Entity<ServiceArea>(e =>
        {
            e.Property(a => a.Code).HasMaxLength(TextRules.CodeMaxLength);
            e.Property(a => a.Name).HasMaxLength(TextRules.NameMaxLength);
            e.HasIndex(a => new { a.CountyId, a.Code }).IsUnique();
            e.HasOne<County>().WithMany().HasForeignKey(a => a.CountyId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(a => a.ServiceLines).WithOne(l => l.ServiceArea!).HasForeignKey(l => l.ServiceAreaId)
                .OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<ServiceLine>(e =>
        {
            e.Property(l => l.Code).HasMaxLength(TextRules.CodeMaxLength);
            e.Property(l => l.Name).HasMaxLength(TextRules.NameMaxLength);
            e.HasIndex(l => new { l.CountyId, l.Code }).IsUnique();
            e.HasOne<County>().WithMany().HasForeignKey(l => l.CountyId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Functionality>(e =>
        {
            e.Property(f => f.Key).HasMaxLength(40);
            e.Property(f => f.Name).HasMaxLength(TextRules.NameMaxLength);
            e.Property(f => f.Description).HasMaxLength(TextRules.DescriptionMaxLength);
            e.HasIndex(f => new { f.CountyId, f.Key }).IsUnique();
            e.HasOne<County>().WithMany().HasForeignKey(f => f.CountyId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Metric>(e =>
        {
            e.Property(m => m.Name).HasMaxLength(TextRules.NameMaxLength);
            e.Property(m => m.Definition).HasMaxLength(TextRules.DescriptionMaxLength);
            e.Property(m => m.Unit).HasMaxLength(60);
            e.Property(m => m.DataSource).HasMaxLength(TextRules.DescriptionMaxLength);
            e.Property(m => m.Direction).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(m => new { m.CountyId, m.Name }).IsUnique();
            e.HasOne<County>().WithMany().HasForeignKey(m => m.CountyId).OnDelete(DeleteBehavior.Cascade);
        });

        MapWorkshops(b);
        MapWorksheets(b);
        MapPlanVersions(b);

        b.Entity<AuditEntry>(e =>
        {
            e.HasIndex(a => a.ScopeId);
            e.Property(a => a.EntityType).HasMaxLength(60);
            e.Property(a => a.Action).HasMaxLength(20);
            e.Property(a => a.UserName).HasMaxLength(TextRules.NameMaxLength);
            e.HasIndex(a => new { a.CountyId, a.At });
            e.HasIndex(a => new { a.EntityType, a.EntityId });
        });

        foreach (var type in b.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)))
            b.Entity(type.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();

        // Users are looked up by e-mail before anyone is signed in, so they are scoped explicitly in
        // their queries instead of by a filter; everything else is filtered here.
        ApplyCountyFilter<ServiceArea>(b);
        ApplyCountyFilter<ServiceLine>(b);
        ApplyCountyFilter<Functionality>(b);
        ApplyCountyFilter<Metric>(b);
        ApplyCountyFilter<WorksheetTemplate>(b);
        ApplyCountyFilter<WorkshopSeries>(b);
        ApplyCountyFilter<SeriesServiceLine>(b);
        ApplyCountyFilter<SeriesMember>(b);
        ApplyCountyFilter<Workshop>(b);
        ApplyCountyFilter<AgendaItem>(b);
        ApplyCountyFilter<PreTask>(b);
        ApplyCountyFilter<PreTaskAssignment>(b);
        ApplyCountyFilter<Worksheet>(b);
        ApplyCountyFilter<WorksheetRow>(b);
        ApplyCountyFilter<WorksheetItem>(b);
        ApplyCountyFilter<WorksheetEvent>(b);
        ApplyCountyFilter<VoteSession>(b);
        ApplyCountyFilter<Vote>(b);
        ApplyCountyFilter<PlanVersion>(b);
        b.Entity<AuditEntry>().HasQueryFilter(a => a.CountyId == CountyId);
    }

    private static void MapWorkshops(ModelBuilder b)
    {
        b.Entity<WorkshopSeries>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(TextRules.NameMaxLength);
            e.Property(s => s.Link).HasMaxLength(TextRules.DescriptionMaxLength);
            e.Property(s => s.InvitationSubject).HasMaxLength(TextRules.NameMaxLength);
            e.Property(s => s.InvitationTemplate).HasMaxLength(8000);
            e.HasIndex(s => s.CountyId);
            e.HasOne<County>().WithMany().HasForeignKey(s => s.CountyId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.ServiceLines).WithOne().HasForeignKey(l => l.SeriesId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Workshops).WithOne().HasForeignKey(w => w.SeriesId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Members).WithOne().HasForeignKey(m => m.SeriesId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.PreTasks).WithOne().HasForeignKey(t => t.SeriesId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SeriesServiceLine>(e =>
        {
            e.HasKey(l => new { l.SeriesId, l.ServiceLineId });
            e.HasOne<ServiceLine>().WithMany().HasForeignKey(l => l.ServiceLineId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(l => l.ServiceLineId);
        });
        b.Entity<SeriesMember>(e =>
        {
            e.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(m => new { m.SeriesId, m.UserId }).IsUnique();
            e.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Workshop>(e =>
        {
            e.Property(w => w.Title).HasMaxLength(TextRules.NameMaxLength);
            e.Property(w => w.Topic).HasMaxLength(TextRules.DescriptionMaxLength);
            e.Property(w => w.Goal).HasMaxLength(TextRules.DescriptionMaxLength);
            e.Property(w => w.Covers).HasMaxLength(20);
            e.HasIndex(w => new { w.SeriesId, w.Number });
            e.HasMany(w => w.Agenda).WithOne().HasForeignKey(a => a.WorkshopId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AgendaItem>(e => e.Property(a => a.Title).HasMaxLength(TextRules.NameMaxLength));
        b.Entity<PreTask>(e =>
        {
            e.Property(t => t.Title).HasMaxLength(TextRules.NameMaxLength);
            e.Property(t => t.Description).HasMaxLength(TextRules.DescriptionMaxLength);
            e.HasMany(t => t.Assignments).WithOne().HasForeignKey(a => a.PreTaskId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PreTaskAssignment>(e =>
        {
            e.HasIndex(a => new { a.PreTaskId, a.UserId }).IsUnique();
            e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    private static void MapWorksheets(ModelBuilder b)
    {
        b.Entity<WorksheetTemplate>(e =>
        {
            e.Property(t => t.Kind).HasMaxLength(40);
            e.Property(t => t.Key).HasMaxLength(60);
            e.Property(t => t.Name).HasMaxLength(TextRules.NameMaxLength);
            e.HasIndex(t => new { t.CountyId, t.Key, t.Version }).IsUnique();
            e.Property(t => t.Revision).IsConcurrencyToken();
            e.HasOne<County>().WithMany().HasForeignKey(t => t.CountyId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Worksheet>(e =>
        {
            e.Property(w => w.Title).HasMaxLength(TextRules.NameMaxLength);
            e.Property(w => w.IdeationSectionKey).HasMaxLength(60);
            e.HasOne<WorkshopSeries>().WithMany().HasForeignKey(w => w.SeriesId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(w => w.Template).WithMany().HasForeignKey(w => w.TemplateId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Functionality>().WithMany().HasForeignKey(w => w.FunctionalityId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(w => w.Rows).WithOne().HasForeignKey(r => r.WorksheetId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(w => w.Items).WithOne().HasForeignKey(i => i.WorksheetId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(w => w.SeriesId);
        });
        b.Entity<WorksheetEvent>(e =>
        {
            e.Property(x => x.Type).HasMaxLength(40);
            e.HasIndex(x => new { x.WorksheetId, x.Seq }).IsUnique();
            e.HasOne<Worksheet>().WithMany().HasForeignKey(x => x.WorksheetId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<VoteSession>(e =>
        {
            e.Property(v => v.SectionKey).HasMaxLength(60);
            e.HasIndex(v => v.WorksheetId);
            e.HasOne<Worksheet>().WithMany().HasForeignKey(v => v.WorksheetId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Vote>(e =>
        {
            e.HasIndex(v => new { v.SessionId, v.UserId });
            e.HasOne<VoteSession>().WithMany().HasForeignKey(v => v.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<WorksheetItem>().WithMany().HasForeignKey(v => v.ItemId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<WorksheetItem>(e =>
        {
            e.Property(i => i.CellKey).HasMaxLength(60);
            e.Property(i => i.Text).HasMaxLength(WorksheetItem.TextMaxLength);
            e.Property(i => i.Group).HasMaxLength(WorksheetItem.ShortMaxLength);
            e.Property(i => i.Tag).HasMaxLength(WorksheetItem.ShortMaxLength);
            e.Property(i => i.Owner).HasMaxLength(WorksheetItem.ShortMaxLength);
            e.Property(i => i.AuthorName).HasMaxLength(TextRules.NameMaxLength);
            e.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(i => i.Colour).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(i => new { i.WorksheetId, i.CellKey, i.Position });
            e.HasOne<WorksheetRow>().WithMany().HasForeignKey(i => i.RowId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Metric>().WithMany().HasForeignKey(i => i.MetricId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    private static void MapPlanVersions(ModelBuilder b)
    {
        b.Entity<PlanVersion>(e =>
        {
            e.Property(v => v.Level).HasConversion<string>().HasMaxLength(20);
            e.Property(v => v.ScopeCode).HasMaxLength(60);
            e.Property(v => v.ScopeName).HasMaxLength(TextRules.NameMaxLength);
            e.Property(v => v.Name).HasMaxLength(TextRules.NameMaxLength);
            e.Property(v => v.PublishedByName).HasMaxLength(TextRules.NameMaxLength);
            e.HasOne<County>().WithMany().HasForeignKey(v => v.CountyId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(v => new { v.CountyId, v.Level, v.ScopeId });
            // Other counties look for shared versions only.
            e.HasIndex(v => v.IsShared);
        });
    }

    private void ApplyCountyFilter<T>(ModelBuilder b) where T : class, ICountyOwned
    {
        Expression<Func<T, bool>> filter = e => e.CountyId == CountyId;
        b.Entity<T>().HasQueryFilter(filter);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        ChangeTracker.DetectChanges();
        GuardCounty();
        GuardSnapshots();
        BumpVersions();
        var audit = CollectAudit();
        AuditEntries.AddRange(audit);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
    }

    /// <summary>A signed-in caller may only ever write into their own county.</summary>
    private void GuardCounty()
    {
        if (CountyId is not { } county) return;
        foreach (var entry in ChangeTracker.Entries<ICountyOwned>())
        {
            if (entry.State == EntityState.Added && entry.Entity.CountyId == Guid.Empty)
                entry.Entity.CountyId = county;
            if (entry.State != EntityState.Unchanged && entry.Entity.CountyId != county)
                throw new InvalidOperationException("Refusing to write data of another county.");
        }
    }

    /// <summary>A published version is a snapshot that does not change: its plan can never be updated, only its sharing.</summary>
    private void GuardSnapshots()
    {
        foreach (var entry in ChangeTracker.Entries<PlanVersion>().Where(e => e.State == EntityState.Modified))
            if (entry.Property(v => v.Snapshot).IsModified)
                throw new InvalidOperationException("Refusing to change the snapshot of a published plan version.");
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
            entry.Entity.Version = entry.Property(e => e.Version).OriginalValue + 1;
    }

    private List<AuditEntry> CollectAudit()
    {
        var now = DateTime.UtcNow;
        var entries = new List<AuditEntry>();
        foreach (var entry in ChangeTracker.Entries<IAudited>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            entries.Add(AuditEntryFor(entry.Entity, entry.Metadata.ClrType, now, entry.State.ToString().ToLowerInvariant(),
                before: entry.State == EntityState.Added ? null : Snapshot(entry, original: true),
                after: entry.State == EntityState.Deleted ? null : Snapshot(entry, original: false)));
        }
        return entries;
    }

    /// <summary>
    /// The history entry of an entity that a write adds without the change tracker (the one-statement note insert):
    /// the same entry SaveChanges would record for it.
    /// </summary>
    public AuditEntry AuditOfAdded<T>(T entity, DateTime at) where T : class, IAudited
    {
        var values = new SortedDictionary<string, object?>();
        foreach (var p in Model.FindEntityType(typeof(T))!.GetProperties())
            if (IsRecorded(typeof(T), p.Name)) values[p.Name] = Recorded(p.GetGetter().GetClrValue(entity));
        return AuditEntryFor(entity, typeof(T), at, "added", before: null, after: JsonSerializer.Serialize(values));
    }

    private AuditEntry AuditEntryFor(IAudited entity, Type type, DateTime at, string action, string? before, string? after) => new()
    {
        CountyId = entity is ICountyOwned owned ? owned.CountyId : Guid.Empty,
        At = at,
        UserId = Caller?.UserId,
        UserName = Caller?.UserName ?? "",
        EntityType = type.Name,
        EntityId = entity.Id,
        ScopeId = (entity as IAuditScoped)?.AuditScopeId,
        Action = action,
        Before = before,
        After = after,
    };

    // Secrets never enter the history, even hashed.
    private static readonly HashSet<string> HiddenProperties =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "NormalizedEmail", "NormalizedUserName"];

    // A published plan is stored once, in its version; the history records who published it and when, not a second copy.
    private static readonly HashSet<(Type, string)> BulkyProperties = [(typeof(PlanVersion), nameof(PlanVersion.Snapshot))];

    private static bool IsRecorded(Type type, string property) =>
        !HiddenProperties.Contains(property) && !BulkyProperties.Contains((type, property));

    private static object? Recorded(object? value) => value is Enum e ? e.ToString() : value;

    private static string Snapshot(EntityEntry entry, bool original)
    {
        var values = new SortedDictionary<string, object?>();
        foreach (var p in entry.Properties)
        {
            if (!IsRecorded(entry.Metadata.ClrType, p.Metadata.Name)) continue;
            if (entry.State == EntityState.Modified && !p.IsModified && p.Metadata.Name != nameof(IVersioned.Version)) continue;
            values[p.Metadata.Name] = Recorded(original ? p.OriginalValue : p.CurrentValue);
        }
        return JsonSerializer.Serialize(values);
    }
}

using System.Linq.Expressions;
using System.Text.Json;
using Digipaja.Core.Catalogue;
using Digipaja.Core.Common;
using Digipaja.Core.Organisation;
using Digipaja.Web.Accounts;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Digipaja.Web.Data;

public sealed class DigipajaDb(DbContextOptions<DigipajaDb> options, Caller? caller = null)
    : IdentityUserContext<AppUser, Guid>(options)
{
    /// <summary>The caller's county; every county-owned query is filtered by it (null matches nothing).</summary>
    public Guid? CountyId => caller?.CountyId;

    public DbSet<County> Counties => Set<County>();
    public DbSet<ServiceArea> ServiceAreas => Set<ServiceArea>();
    public DbSet<ServiceLine> ServiceLines => Set<ServiceLine>();
    public DbSet<Functionality> Functionalities => Set<Functionality>();
    public DbSet<Metric> Metrics => Set<Metric>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

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

        b.Entity<AuditEntry>(e =>
        {
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
        b.Entity<AuditEntry>().HasQueryFilter(a => a.CountyId == CountyId);
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
            var county = entry.Entity is ICountyOwned owned ? owned.CountyId : Guid.Empty;
            entries.Add(new AuditEntry
            {
                CountyId = county,
                At = now,
                UserId = caller?.UserId,
                UserName = caller?.UserName ?? "",
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = entry.Entity.Id,
                Action = entry.State.ToString().ToLowerInvariant(),
                Before = entry.State == EntityState.Added ? null : Snapshot(entry, original: true),
                After = entry.State == EntityState.Deleted ? null : Snapshot(entry, original: false),
            });
        }
        return entries;
    }

    // Secrets never enter the history, even hashed.
    private static readonly HashSet<string> HiddenProperties =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "NormalizedEmail", "NormalizedUserName"];

    private static string Snapshot(EntityEntry entry, bool original)
    {
        var values = new SortedDictionary<string, object?>();
        foreach (var p in entry.Properties)
        {
            if (HiddenProperties.Contains(p.Metadata.Name)) continue;
            if (entry.State == EntityState.Modified && !p.IsModified && p.Metadata.Name != nameof(IVersioned.Version)) continue;
            values[p.Metadata.Name] = original ? p.OriginalValue : p.CurrentValue;
        }
        return JsonSerializer.Serialize(values);
    }
}

using Digipaja.Core.Worksheets;
using Digipaja.Web.Data;
using Digipaja.Web.Realtime;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Digipaja.Web.Tests.Realtime;

/// <summary>
/// The group commit of new items on PostgreSQL. Each test drives a writer of its own that is started only after the
/// items are queued, so what lands in one batch does not depend on timing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NewItemWriterTests(PostgresApp app)
{
    private async Task<Worksheet> NewChatSheet()
    {
        var (_, id) = await app.NewChatSheet("AIK");
        return await app.Query(db => db.Worksheets.IgnoreQueryFilters().AsNoTracking().SingleAsync(w => w.Id == id));
    }

    private NewItemWriter Writer() => new(
        DatabaseSetup.WithPostgresDefaults(app.Services.GetRequiredService<IConfiguration>().GetConnectionString("Digipaja")!),
        app.Services.GetRequiredService<WorksheetEventHub>(), NullLogger<NewItemWriter>.Instance);

    private static PendingItem Pending(Worksheet sheet, string text, int position, Guid? rowId = null, Guid? authorId = null, AddChecks? checks = null)
    {
        var item = new WorksheetItem
        {
            WorksheetId = sheet.Id, CountyId = sheet.CountyId, CellKey = "goals", Text = text, RowId = rowId, Position = position, AuthorId = authorId,
        };
        var audit = new AuditEntry { CountyId = sheet.CountyId, EntityType = nameof(WorksheetItem), EntityId = item.Id, Action = "added", After = "{}" };
        var e = new WorksheetEvent { CountyId = sheet.CountyId, WorksheetId = sheet.Id, At = DateTime.UtcNow, Type = "item", Payload = $"{{\"text\":\"{text}\"}}" };
        return new PendingItem(item, audit, e, checks ?? new AddChecks(sheet.IdeationSectionKey, ByCountyRole: true));
    }

    private Task<List<(long Seq, string Payload)>> EventsOf(Guid sheet) =>
        app.Query(async db => (await db.WorksheetEvents.IgnoreQueryFilters().Where(e => e.WorksheetId == sheet).OrderBy(e => e.Seq)
            .Select(e => new { e.Seq, e.Payload }).ToListAsync()).Select(e => (e.Seq, e.Payload)).ToList());

    [Fact]
    public async Task Items_queued_together_are_written_in_one_batch_and_announced_with_consecutive_numbers_in_order()
    {
        var sheet = await NewChatSheet();
        var subscription = app.Services.GetRequiredService<WorksheetEventHub>().Subscribe(sheet.Id, Guid.NewGuid(), committedSeq: sheet.EventSeq);
        var writer = Writer();
        var written = Enumerable.Range(1, 5).Select(i => writer.WriteAsync(Pending(sheet, $"muistiinpano {i}", position: i))).ToList();

        await writer.StartAsync(CancellationToken.None);
        Assert.All(await Task.WhenAll(written).WaitAsync(TimeSpan.FromSeconds(30)), Assert.True);
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(1, writer.Batches);
        var stored = await EventsOf(sheet.Id);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => sheet.EventSeq + i), stored.Select(e => e.Seq));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"{{\"text\":\"muistiinpano {i}\"}}"), stored.Select(e => e.Payload));
        var announced = new List<long>();
        for (var i = 0; i < 5; i++) announced.Add((await subscription.Events.ReadAsync()).Seq);
        Assert.Equal(stored.Select(e => e.Seq), announced);
        Assert.Equal(5, await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().CountAsync(i => i.WorksheetId == sheet.Id)));
    }

    [Fact]
    public async Task One_bad_item_fails_alone_and_the_others_of_its_batch_are_written_without_a_gap_in_the_numbers()
    {
        var sheet = await NewChatSheet();
        var writer = Writer();
        var first = writer.WriteAsync(Pending(sheet, "ensimmäinen", position: 0));
        var badItem = Pending(sheet, "rivi puuttuu", position: 1, rowId: Guid.NewGuid());
        var bad = writer.WriteAsync(badItem);
        var last = writer.WriteAsync(Pending(sheet, "viimeinen", position: 2));

        await writer.StartAsync(CancellationToken.None);
        Assert.True(await first.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(await last.WaitAsync(TimeSpan.FromSeconds(30)));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => bad);
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        var stored = await EventsOf(sheet.Id);
        Assert.Equal([sheet.EventSeq + 1, sheet.EventSeq + 2], stored.Select(e => e.Seq));
        Assert.Equal(["ensimmäinen", "viimeinen"], await app.Query(db => db.WorksheetItems.IgnoreQueryFilters()
            .Where(i => i.WorksheetId == sheet.Id).OrderBy(i => i.CreatedAt).Select(i => i.Text).ToListAsync()));
        Assert.False(await app.Query(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.EntityId == badItem.Item.Id)));
    }

    [Fact]
    public async Task An_item_of_a_worksheet_that_no_longer_exists_writes_nothing()
    {
        var sheet = await NewChatSheet();
        var gone = new Worksheet { Id = Guid.NewGuid(), CountyId = sheet.CountyId, SeriesId = sheet.SeriesId, TemplateId = sheet.TemplateId, Title = "poistettu" };
        var pending = Pending(gone, "ei minnekään", position: 0);
        var writer = Writer();
        var written = writer.WriteAsync(pending);

        await writer.StartAsync(CancellationToken.None);
        Assert.False(await written.WaitAsync(TimeSpan.FromSeconds(30)));
        await writer.StopAsync(CancellationToken.None);

        Assert.False(await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().AnyAsync(i => i.Id == pending.Item.Id)));
        Assert.False(await app.Query(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.EntityId == pending.Item.Id)));
    }

    [Fact]
    public async Task An_item_whose_checks_no_longer_hold_writes_nothing_and_the_others_of_its_batch_keep_consecutive_numbers()
    {
        var sheet = await NewChatSheet();
        var stranger = await app.Query(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == DigipajaApp.WestParticipant).Select(u => u.Id).SingleAsync());
        var writer = Writer();
        var fine = Pending(sheet, "kelpaa", position: 0);
        var samePosition = Pending(sheet, "paikka jo käytössä", position: 0);
        var otherIdeation = Pending(sheet, "ideointi vaihtui", position: 1, checks: new AddChecks("customer", ByCountyRole: true));
        var notMember = Pending(sheet, "ei sarjan jäsen", position: 1, authorId: stranger, checks: new AddChecks(null, ByCountyRole: false));
        var alsoFine = Pending(sheet, "kelpaa myös", position: 1);
        var written = new[] { fine, samePosition, otherIdeation, notMember, alsoFine }.Select(writer.WriteAsync).ToList();

        await writer.StartAsync(CancellationToken.None);
        var outcomes = await Task.WhenAll(written).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([true, false, false, false, true], outcomes);
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(1, writer.Batches);
        Assert.Equal([sheet.EventSeq + 1, sheet.EventSeq + 2], (await EventsOf(sheet.Id)).Select(e => e.Seq));
        Assert.Equal(["kelpaa", "kelpaa myös"], await app.Query(db => db.WorksheetItems.IgnoreQueryFilters()
            .Where(i => i.WorksheetId == sheet.Id).OrderBy(i => i.Position).Select(i => i.Text).ToListAsync()));
        Assert.Equal(2, await app.Query(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.ScopeId == sheet.Id && a.EntityType == nameof(WorksheetItem))));
    }
    [Fact]
    public async Task The_one_statement_insert_fills_every_column_the_model_maps_for_an_item_each_from_a_parameter_of_its_own()
    {
        var mapped = await app.Query(db =>
        {
            var entity = db.Model.FindEntityType(typeof(WorksheetItem))!;
            var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            return Task.FromResult(entity.GetProperties().Select(p => p.GetColumnName(table)!).Order(StringComparer.Ordinal).ToList());
        });

        Assert.Equal(mapped, NewItemWriter.ItemColumns.Select(c => c.Column).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(NewItemWriter.ItemColumns.Count, NewItemWriter.ItemColumns.Select(c => c.Value).Distinct().Count());
    }

    [Fact]
    public async Task A_go_live_milestone_written_by_the_one_statement_insert_keeps_its_mark()
    {
        var sheet = await NewChatSheet();
        var row = await app.Query(db => db.WorksheetRows.IgnoreQueryFilters().Where(r => r.WorksheetId == sheet.Id).Select(r => r.Id).FirstAsync());
        var pending = Pending(sheet, "Tuotantoon", position: 0, rowId: row);
        (pending.Item.CellKey, pending.Item.Kind, pending.Item.IsGoLive) = ("development-path", ItemKind.Milestone, true);
        var writer = Writer();
        await writer.StartAsync(CancellationToken.None);

        Assert.True(await writer.WriteAsync(pending).WaitAsync(TimeSpan.FromSeconds(30)));
        await writer.StopAsync(CancellationToken.None);

        Assert.True(await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().Where(i => i.Id == pending.Item.Id).Select(i => i.IsGoLive).SingleAsync()));
    }
}

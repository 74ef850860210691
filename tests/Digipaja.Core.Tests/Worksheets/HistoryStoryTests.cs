using System.Text.Json;
using Digipaja.Core.Common;
using Digipaja.Core.Worksheets;
using static Digipaja.Core.Worksheets.HistoryWord;

namespace Digipaja.Core.Tests.Worksheets;

public sealed class HistoryStoryTests
{
    private static readonly Who Maija = new("Maija");
    private static readonly DateTime At = new(2027, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Sheet = Guid.NewGuid();

    private static readonly TemplateDefinition Template = new()
    {
        Key = "functionality",
        Name = new LocalizedText { ["fi"] = "Toiminnallisuus" },
        Sections =
        [
            new() { Key = "customers", Title = T("Asiakkaat"), Cells = [new() { Key = "customer-groups", Title = T("Asiakasryhmät") }, new() { Key = "goals", Title = T("Tavoitteet") }] },
            new() { Key = "services", Title = T("Palvelut"), Cells = [new() { Key = "service-name", Kind = CellKind.RowNotes, Title = T("Nimi") }] },
        ],
    };

    private static LocalizedText T(string fi) => new() { ["fi"] = fi };

    private long id;

    private RecordedChange Change(string type, Guid entity, string action, object? before, object? after, string user = "Maija") =>
        new(++id, At, user, type, entity, action,
            before is null ? null : JsonSerializer.Serialize(before), after is null ? null : JsonSerializer.Serialize(after));

    private static HistoryStory Story(IReadOnlyList<WorksheetItem>? items = null, IReadOnlyList<WorksheetRow>? rows = null) =>
        new(Template, rows ?? [], items ?? []);

    private static void Says(HistoryEntry entry, string key, params HistoryWord[] words)
    {
        Assert.Equal(key, entry.Sentence.Key);
        Assert.Equal(words, entry.Sentence.Words);
    }

    private static WorksheetItem Note(string cell, string text) => new() { WorksheetId = Sheet, CellKey = cell, Text = text };

    [Fact]
    public void An_added_note_is_told_with_its_text_and_only_what_was_chosen_for_it()
    {
        var note = Note("customer-groups", "Omaishoitajat");
        note.Colour = NoteColour.Green;
        var added = Change(nameof(WorksheetItem), note.Id, "added", null, new
        {
            CellKey = "customer-groups", Text = "Omaishoitajat", Kind = "Note", Colour = "Green", Group = "", IsPrivate = false, IsDeleted = false, Position = 0,
        });

        var entry = Assert.Single(Story([note]).Tell([added]));

        Says(entry, "history.item.added", Maija, new Noun("note", "customer-groups"), new Cell("customer-groups"));
        Assert.Null(entry.Before);
        Assert.Equal("Omaishoitajat", entry.After);
        Assert.Equal([new HistoryField("Colour", null, "Green")], entry.Details);
    }

    [Fact]
    public void Each_change_names_the_cell_and_kind_the_note_had_at_that_moment()
    {
        var note = Note("goals", "Vastaus samana päivänä");
        var newestFirst = new[]
        {
            Change(nameof(WorksheetItem), note.Id, "modified", new { Text = "Nopea vastaus", Version = 2 }, new { Text = "Vastaus samana päivänä", Version = 3 }),
            Change(nameof(WorksheetItem), note.Id, "modified", new { CellKey = "customer-groups", Version = 1 }, new { CellKey = "goals", Version = 2 }),
        };

        var entries = Story([note]).Tell(newestFirst);

        Says(entries[0], "history.item.changed", Maija, new Noun("note", "goals", Partitive: true), new Cell("goals"));
        Assert.Equal("Nopea vastaus", entries[0].Before);
        Assert.Equal("Vastaus samana päivänä", entries[0].After);
        Assert.Null(entries[0].Subject);
        Says(entries[1], "history.item.moved", Maija, new Noun("note", "customer-groups"), new Cell("customer-groups"), new Cell("goals"));
        Assert.Equal("Nopea vastaus", entries[1].Subject);
        Assert.Empty(entries[1].Details);
    }

    [Fact]
    public void A_deleted_note_can_be_restored_from_its_deletion_only_while_it_is_still_deleted()
    {
        var gone = Note("goals", "Poistettu");
        gone.IsDeleted = true;
        var back = Note("goals", "Palautettu");
        var deleted = new { IsDeleted = false };
        var now = new { IsDeleted = true };

        var entries = Story([gone, back]).Tell(
        [
            Change(nameof(WorksheetItem), gone.Id, "modified", deleted, now),
            Change(nameof(WorksheetItem), back.Id, "modified", new { IsDeleted = true }, new { IsDeleted = false }),
            Change(nameof(WorksheetItem), back.Id, "modified", deleted, now),
        ]);

        Says(entries[0], "history.item.deleted", Maija, new Noun("note", "goals"), new Cell("goals"));
        Assert.Equal(gone.Id, entries[0].RestoreItem);
        Assert.Equal("Poistettu", entries[0].Before);
        Says(entries[1], "history.item.restored", Maija, new Noun("note", "goals"), new Cell("goals"));
        Assert.Null(entries[2].RestoreItem);
    }

    [Fact]
    public void Tying_a_note_to_a_service_names_the_service_and_in_a_service_cell_it_is_a_move()
    {
        var (first, second) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var goal = Note("goals", "Tavoite");
        var name = Note("service-name", "Chat");

        var entries = Story([goal, name]).Tell(
        [
            Change(nameof(WorksheetItem), goal.Id, "modified", new { RowId = first }, new { RowId = (string?)null }),
            Change(nameof(WorksheetItem), goal.Id, "modified", new { RowId = (string?)null }, new { RowId = first }),
            Change(nameof(WorksheetItem), name.Id, "modified", new { RowId = first }, new { RowId = second }),
        ]);

        Says(entries[0], "history.item.untied", Maija, new Noun("note", "goals"), new Row(first));
        Says(entries[1], "history.item.tied", Maija, new Noun("note", "goals"), new Row(first));
        Says(entries[2], "history.item.moved_row", Maija, new Noun("note", "service-name"), new Row(second));
    }

    [Fact]
    public void A_change_of_colour_group_or_tag_alone_has_a_sentence_of_its_own()
    {
        var note = Note("goals", "Tavoite");
        var item = nameof(WorksheetItem);

        var entries = Story([note]).Tell(
        [
            Change(item, note.Id, "modified", new { Tag = "" }, new { Tag = "tärkeä" }),
            Change(item, note.Id, "modified", new { Group = "Nopeus" }, new { Group = "" }),
            Change(item, note.Id, "modified", new { Colour = "Yellow" }, new { Colour = "Green" }),
            Change(item, note.Id, "modified", new { Colour = "Green", Tag = "" }, new { Colour = "Yellow", Tag = "x" }),
        ]);

        Says(entries[0], "history.item.tagged", Maija, new Noun("note", "goals"), new Text("tärkeä"));
        Says(entries[1], "history.item.ungrouped", Maija, new Noun("note", "goals"), new Text("Nopeus"));
        Says(entries[2], "history.item.coloured", Maija, new Noun("note", "goals"), new Colour("Green"));
        Says(entries[3], "history.item.changed", Maija, new Noun("note", "goals", Partitive: true), new Cell("goals"));
        Assert.Equal([new HistoryField("Tag", "", "x"), new HistoryField("Colour", "Green", "Yellow")], entries[3].Details);
    }

    [Fact]
    public void Revealing_private_notes_and_dates_of_a_task_are_told_with_the_values_they_changed()
    {
        var task = Note("goals", "Tehtävä");
        task.Kind = ItemKind.Task;

        var entries = Story([task]).Tell(
        [
            Change(nameof(WorksheetItem), task.Id, "modified", new { IsPrivate = true }, new { IsPrivate = false }),
            Change(nameof(WorksheetItem), task.Id, "modified", new { DueDate = "2027-01-31", Owner = "" }, new { DueDate = "2027-02-15", Owner = "Jari" }),
        ]);

        Says(entries[0], "history.item.revealed", Maija, new Noun("task", "goals"), new Cell("goals"));
        Says(entries[1], "history.item.changed", Maija, new Noun("task", "goals", Partitive: true), new Cell("goals"));
        Assert.Equal([new HistoryField("Owner", "", "Jari"), new HistoryField("DueDate", "2027-01-31", "2027-02-15")], entries[1].Details);
        Assert.Equal("Tehtävä", entries[1].Subject);
    }

    [Fact]
    public void A_removed_service_row_can_be_restored_while_it_is_still_removed()
    {
        var removed = new WorksheetRow { WorksheetId = Sheet, IsDeleted = true };

        var entries = Story(rows: [removed]).Tell(
        [
            Change(nameof(WorksheetRow), removed.Id, "modified", new { IsDeleted = false }, new { IsDeleted = true }),
            Change(nameof(WorksheetRow), removed.Id, "added", null, new { Position = 5 }),
        ]);

        Says(entries[0], "history.row.removed", Maija, new Row(removed.Id.ToString()));
        Assert.Equal(removed.Id, entries[0].RestoreRow);
        Says(entries[1], "history.row.added", Maija, new Row(removed.Id.ToString()));
    }

    [Fact]
    public void The_facilitators_timer_and_ideation_read_as_what_the_facilitator_did()
    {
        var (first, second, third) = (At.AddMinutes(5), At.AddMinutes(9), At.AddMinutes(10));
        var sheet = nameof(Worksheet);
        var none = (DateTime?)null;
        var notPaused = (int?)null;

        // Newest first: the ideation, then the timer from being stopped back to being started, then a change of title.
        var entries = Story().Tell(
        [
            Change(sheet, Sheet, "modified", new { IdeationSectionKey = "customers" }, new { IdeationSectionKey = (string?)null }),
            Change(sheet, Sheet, "modified", new { IdeationSectionKey = (string?)null }, new { IdeationSectionKey = "customers" }),
            Change(sheet, Sheet, "modified", new { TimerEndsAt = third }, new { TimerEndsAt = none }),
            Change(sheet, Sheet, "modified", new { TimerEndsAt = second }, new { TimerEndsAt = third }),
            Change(sheet, Sheet, "modified", new { TimerEndsAt = none, TimerPausedSeconds = 180 }, new { TimerEndsAt = second, TimerPausedSeconds = notPaused }),
            Change(sheet, Sheet, "modified", new { TimerPausedSeconds = 120 }, new { TimerPausedSeconds = 180 }),
            Change(sheet, Sheet, "modified", new { TimerEndsAt = first, TimerPausedSeconds = notPaused }, new { TimerEndsAt = none, TimerPausedSeconds = 120 }),
            Change(sheet, Sheet, "modified", new { TimerEndsAt = none }, new { TimerEndsAt = first }),
            Change(sheet, Sheet, "modified", new { Title = "Vanha" }, new { Title = "Uusi" }),
        ]);

        Assert.Equal(
            ["history.sheet.ideation_revealed", "history.sheet.ideation_started", "history.sheet.timer_stopped", "history.sheet.timer_extended",
             "history.sheet.timer_resumed", "history.sheet.timer_extended", "history.sheet.timer_paused", "history.sheet.timer_started",
             "history.sheet.changed"],
            entries.Select(e => e.Sentence.Key));
        Says(entries[1], "history.sheet.ideation_started", Maija, new Section("customers"));
    }

    [Fact]
    public void Votes_are_told_without_whose_dots_went_where_and_an_unknown_change_by_what_and_how()
    {
        var session = Guid.NewGuid();

        var entries = Story().Tell(
        [
            Change(nameof(VoteSession), session, "added", null, new { SectionKey = "customers" }),
            Change(nameof(Vote), Guid.NewGuid(), "added", null, new { ItemId = Guid.NewGuid() }),
            Change(nameof(Vote), Guid.NewGuid(), "deleted", new { ItemId = Guid.NewGuid() }, null),
            Change("Metric", Guid.NewGuid(), "modified", new { Name = "A" }, new { Name = "B" }, user: ""),
        ]);

        Says(entries[0], "history.vote.opened", Maija, new Section("customers"));
        Says(entries[1], "history.vote.cast", Maija);
        Says(entries[2], "history.vote.withdrawn", Maija);
        Says(entries[3], HistorySentence.Other, new Who(""), new Entity("Metric"), new Done("modified"));
        Assert.All(entries, e => Assert.Empty(e.Details));
    }
}

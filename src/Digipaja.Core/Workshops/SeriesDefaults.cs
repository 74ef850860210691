using System.Text.Json;
using Digipaja.Core.Common;
using Digipaja.Core.Worksheets;

namespace Digipaja.Core.Workshops;

/// <summary>The default series of the toolkit: four workshops with agendas and goals, pre-tasks, message templates and tips.</summary>
public sealed class SeriesDefaults
{
    public int Version { get; init; } = 1;
    public List<WorkshopDefault> Workshops { get; init; } = [];
    public List<PreTaskDefault> PreTasks { get; init; } = [];
    public LocalizedText InvitationTemplate { get; init; } = [];
    public LocalizedText InvitationSubject { get; init; } = [];
    public LocalizedText WelcomeTemplate { get; init; } = [];
    public List<LocalizedText> Tips { get; init; } = [];

    public static SeriesDefaults Parse(string json) =>
        JsonSerializer.Deserialize<SeriesDefaults>(json, TemplateDefinition.Json) ?? throw new FormatException("Empty series defaults.");
}

public sealed class WorkshopDefault
{
    public int Number { get; init; }
    public LocalizedText Title { get; init; } = [];
    public LocalizedText Topic { get; init; } = [];
    public int DurationMinutes { get; init; }
    public LocalizedText Goal { get; init; } = [];
    public List<AgendaDefault> Agenda { get; init; } = [];
    public string Worksheets { get; init; } = "none";
}

public sealed class AgendaDefault
{
    public LocalizedText Title { get; init; } = [];
    public int Minutes { get; init; }
}

public sealed class PreTaskDefault
{
    public string Key { get; init; } = "";
    public LocalizedText Title { get; init; } = [];
    public LocalizedText Description { get; init; } = [];
}

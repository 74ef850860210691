using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Plans;

/// <summary>The texts one filled service line writes into its worksheets; each carries a marker unique to the test.</summary>
public sealed record FilledLine(
    string Code, Guid LineId, Guid SeriesId, Guid ChatSheetId, Guid ChangeSheetId, string Marker,
    string Service, string UseCase, string TargetGroup, string Goal, string MetricName, string Baseline,
    string Task, string TaskOwner, string OwnerlessTask, string Phase, string Milestone, string Story);

/// <summary>Fills worksheets through the public API the way a workshop does, for the plan tests.</summary>
public static class PlanSteps
{
    public static async Task<Guid> LineId(DigipajaApp app, string code, string county = "lansi-uusimaa") =>
        await app.Query(db => db.ServiceLines.IgnoreQueryFilters()
            .Where(l => l.Code == code && db.Counties.Any(c => c.Id == l.CountyId && c.Slug == county))
            .Select(l => l.Id).SingleAsync());

    public static async Task<Guid> AreaOf(DigipajaApp app, Guid lineId) =>
        await app.Query(db => db.ServiceLines.IgnoreQueryFilters().Where(l => l.Id == lineId).Select(l => l.ServiceAreaId).SingleAsync());

    public static async Task<JsonElement> Note(HttpClient api, Guid sheetId, object note)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/worksheets/{sheetId}/notes", note);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A series for one line with a chat worksheet: a named service with a path, use cases, goals, metric, tasks, and a change story.</summary>
    public static async Task<FilledLine> FillLine(DigipajaApp app, HttpClient api, string code)
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var lineId = await LineId(app, code);
        var created = await api.PostAsJsonAsync("/api/v1/workshop-series", new { serviceLineIds = new[] { lineId }, functionalityKeys = new[] { "chat" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var series = await created.Content.ReadFromJsonAsync<JsonElement>();
        var sheets = series.GetProperty("worksheets").EnumerateArray().ToList();
        var chat = sheets.First(w => w.GetProperty("functionalityKey").GetString() == "chat").GetProperty("id").GetGuid();
        var change = sheets.First(w => w.GetProperty("templateKey").GetString() == "change").GetProperty("id").GetGuid();
        var sheet = await api.GetFromJsonAsync<JsonElement>($"/api/v1/worksheets/{chat}");
        var row = sheet.GetProperty("rows")[0].GetProperty("id").GetGuid();
        var metrics = await api.GetFromJsonAsync<JsonElement>("/api/v1/metrics");
        var metric = metrics[0];

        var line = new FilledLine(code, lineId, series.GetProperty("id").GetGuid(), chat, change, marker,
            Service: $"Chat-neuvonta {code} {marker}", UseCase: $"Ajanvarauksen neuvonta {marker}", TargetGroup: $"Omaishoitajat {marker}",
            Goal: $"Puolet yhteydenotoista chatissa {marker}", MetricName: metric.GetProperty("name").GetString()!,
            Baseline: $"Puheluita 400 viikossa {marker}", Task: $"Chat-vuorojen suunnittelu {marker}", TaskOwner: "Tiimivastaava",
            OwnerlessTask: $"Ohjeiden päivitys {marker}", Phase: $"Pilotti {marker}", Milestone: $"Tuotantoon {marker}",
            Story: $"Ennen palvelimme vain puhelimessa {marker}");

        await Note(api, chat, new { cellKey = "service-name", rowId = row, text = line.Service });
        await Note(api, chat, new { cellKey = "use-cases-before", text = line.UseCase });
        await Note(api, chat, new { cellKey = "customer-groups", text = line.TargetGroup });
        await Note(api, chat, new { cellKey = "goals", text = line.Goal });
        await Note(api, chat, new { cellKey = "metrics", metricId = metric.GetProperty("id").GetGuid() });
        await Note(api, chat, new { cellKey = "data-baseline", text = line.Baseline });
        await Note(api, chat, new { cellKey = "tasks", text = line.Task, owner = line.TaskOwner, dueDate = "2027-02-15" });
        await Note(api, chat, new { cellKey = "tasks", text = line.OwnerlessTask });
        await Note(api, chat, new { cellKey = "development-path", rowId = row, kind = "phase", text = line.Phase, startDate = "2027-01-01", endDate = "2027-03-31" });
        await Note(api, chat, new { cellKey = "development-path", rowId = row, kind = "milestone", goLive = true, text = line.Milestone, startDate = "2027-04-15" });
        await Note(api, change, new { cellKey = "story-before", text = line.Story });
        return line;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Digipaja.Core.Plans;

/// <summary>The one JSON shape of a plan: the API answers with it and published versions are stored in it.</summary>
public static class PlanJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Serialize(Plan plan) => JsonSerializer.Serialize(plan, Options);

    public static Plan Deserialize(string json) =>
        JsonSerializer.Deserialize<Plan>(json, Options) ?? throw new FormatException("Empty plan snapshot.");
}

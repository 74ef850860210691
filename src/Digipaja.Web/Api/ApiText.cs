using Microsoft.AspNetCore.Http.HttpResults;
using Digipaja.Core.Common;
using Digipaja.Web.Localization;

namespace Digipaja.Web.Api;

/// <summary>Localized titles and field errors for ProblemDetails answers (language from Accept-Language).</summary>
public static class ApiText
{
    public static string Get(HttpContext http, string key) => http.RequestServices.GetRequiredService<Texts>()[key];

    public static ValidationProblem Invalid(HttpContext http, IEnumerable<FieldError> errors)
    {
        var texts = http.RequestServices.GetRequiredService<Texts>();
        var byField = errors.GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => texts[e.MessageKey]).ToArray());
        return TypedResults.ValidationProblem(byField, title: texts["api.validation_failed"]);
    }
}

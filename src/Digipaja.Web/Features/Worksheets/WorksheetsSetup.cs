using Microsoft.Extensions.DependencyInjection;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>The worksheet feature wires itself: its templates, the editor and facilitation, votes and history.</summary>
public static class WorksheetsSetup
{
    public static IServiceCollection AddDigipajaWorksheets(this IServiceCollection services)
    {
        services.AddSingleton<BuiltInContent>();
        services.AddSingleton<ParsedTemplates>();
        services.AddSingleton<AddTargets>();
        services.AddScoped<TemplateLibrary>();
        services.AddScoped<TemplateTailoring>();
        services.AddScoped<WorksheetEditor>();
        services.AddScoped<WorksheetHistory>();
        services.AddScoped<DotVoting>();
        return services;
    }
}

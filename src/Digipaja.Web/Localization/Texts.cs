using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Localization;

namespace Digipaja.Web.Localization;

/// <summary>
/// Every text of the user interface, in Finnish (the default), Swedish and English, read from
/// Localization/Texts/&lt;area&gt;.&lt;language&gt;.json (one file per feature area, so features can be written side by side).
/// A key may live in one area only. A test checks that the three languages hold the same keys and that every key the
/// code uses exists.
/// </summary>
public sealed class Texts
{
    public static readonly string[] Languages = ["fi", "sv", "en"];
    public const string DefaultLanguage = "fi";

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> byLanguage;

    public Texts()
    {
        byLanguage = Languages.ToFrozenDictionary(l => l, Load);
    }

    private static FrozenDictionary<string, string> Load(string language)
    {
        var assembly = typeof(Texts).Assembly;
        const string prefix = "Digipaja.Web.Localization.Texts.";
        var texts = new Dictionary<string, string>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix) && n.EndsWith($".{language}.json")))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            foreach (var (key, text) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!)
                if (!texts.TryAdd(key, text))
                    throw new InvalidOperationException($"Text key '{key}' is defined twice ({name}).");
        }
        if (texts.Count == 0) throw new InvalidOperationException($"Texts for '{language}' are missing.");
        return texts.ToFrozenDictionary();
    }

    public IReadOnlyDictionary<string, string> All(string language) => byLanguage[language];

    public static string CurrentLanguage
    {
        get
        {
            var name = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            return Languages.Contains(name) ? name : DefaultLanguage;
        }
    }

    /// <summary>The text in the current UI language; a missing key shows itself so that it is noticed.</summary>
    public string this[string key] => Get(CurrentLanguage, key);

    public string this[string key, params object?[] args] =>
        string.Format(CultureInfo.CurrentCulture, Get(CurrentLanguage, key), args);

    public string Get(string language, string key) =>
        byLanguage[language].TryGetValue(key, out var text) ? text : $"[{key}]";

    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<Texts>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Languages.Select(l => new CultureInfo(l)).ToList();
            o.DefaultRequestCulture = new RequestCulture(DefaultLanguage);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // People choose their language with the switch (a cookie); only API clients are served by Accept-Language,
            // so a browser set to English still opens in Finnish until its user asks otherwise.
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new ApiAcceptLanguageProvider(),
            ];
        });
    }

    private sealed class ApiAcceptLanguageProvider : AcceptLanguageHeaderRequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext context) =>
            context.Request.Path.StartsWithSegments("/api")
                ? base.DetermineProviderCultureResult(context)
                : Task.FromResult<ProviderCultureResult?>(null);
    }
}

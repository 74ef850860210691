using System.Net;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;
using Digipaja.Web.Observability;
using Digipaja.Web.Realtime;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;

namespace Digipaja.Web;

public static class WebSetup
{
    public static IServiceCollection AddDigipajaWeb(this IServiceCollection services, IConfiguration config, IWebHostEnvironment env)
    {
        Texts.AddTo(services);
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AuthorizeFolder("/Admin", Policies.Administrator);
            o.Conventions.AllowAnonymousToPage("/Account/SignIn");
            o.Conventions.AllowAnonymousToPage("/Status");
            o.Conventions.AllowAnonymousToPage("/Language");
            o.Conventions.ConfigureFilter(new Features.UnmatchedHandlerFilter());
        });
        services.AddProblemDetails();
        // Finnish and Swedish letters are written as they are, not as character references; markup is still escaped.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddBodyLimits(config);
        services.AddDigipajaObservability(config);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.Configure<ForwardedHeadersOptions>(o => ConfigureForwardedHeaders(o, config));

        // Absolute links lead to the configured public address, not to whatever Host a request names.
        var publicUrl = new PublicUrl(config);
        services.AddSingleton(publicUrl);
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var (login, denied, logout, back) = (o.Events.OnRedirectToLogin, o.Events.OnRedirectToAccessDenied, o.Events.OnRedirectToLogout, o.Events.OnRedirectToReturnUrl);
            Func<RedirectContext<CookieAuthenticationOptions>, Task> Rebased(Func<RedirectContext<CookieAuthenticationOptions>, Task> inner) => context =>
            {
                context.RedirectUri = publicUrl.Rebase(context.Request, context.RedirectUri);
                return inner(context);
            };
            (o.Events.OnRedirectToLogin, o.Events.OnRedirectToAccessDenied, o.Events.OnRedirectToLogout, o.Events.OnRedirectToReturnUrl) =
                (Rebased(login), Rebased(denied), Rebased(logout), Rebased(back));
        });

        // Cookies (sign-in, anti-forgery, language, trusted browser) are Secure whenever the request came over HTTPS
        // (directly or through a configured proxy), and always when the public address is https.
        var secure = publicUrl.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.Configure<CookiePolicyOptions>(o => o.Secure = secure);
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest); // the cookie policy above makes it Always when it must be
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });

        // Keys live beside the data so that sign-in cookies and API tokens survive a restart.
        var dataFolder = config.GetSection("Database").Get<DatabaseOptions>()?.DataFolder ?? "data";
        services.AddDataProtection()
            .SetApplicationName("Digipaja")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));
        return services;
    }

    /// <summary>
    /// The client's address and scheme as a reverse proxy forwards them (X-Forwarded-For, X-Forwarded-Proto), believed
    /// only from the proxies named in <c>App:KnownProxies</c> (addresses) and <c>App:KnownNetworks</c> (CIDR ranges),
    /// each a list or one comma-separated value. Without them no forwarded header is believed, not even from loopback,
    /// so a client cannot choose the address the sign-in throttle counts it by.
    /// </summary>
    public static void ConfigureForwardedHeaders(ForwardedHeadersOptions o, IConfiguration config)
    {
        o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        o.KnownProxies.Clear();
        o.KnownIPNetworks.Clear();
        // Walk back through every configured proxy to the first address that is not one: the real client.
        o.ForwardLimit = null;
        foreach (var proxy in ListSetting(config, "App:KnownProxies")) o.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in ListSetting(config, "App:KnownNetworks")) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
    }

    private static IEnumerable<string> ListSetting(IConfiguration config, string key)
    {
        var section = config.GetSection(key);
        return new[] { section.Value }.Concat(section.GetChildren().Select(c => c.Value))
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public static WebApplication UseDigipajaWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // HTTPS responses tell browsers to keep to HTTPS, except in development (localhost is never told).
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseCookiePolicy();
        app.UseLiveStreams();
        app.UseMetricsEndpoint(app.Configuration);
        app.UseSecurityHeaders();
        // The API answers every error with ProblemDetails; people get a page in their language.
        app.UseWhen(IsApi, api =>
        {
            if (!app.Environment.IsDevelopment()) api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !IsApi(c), ui =>
        {
            if (!app.Environment.IsDevelopment()) ui.UseExceptionHandler("/Status/500");
            ui.UseStatusCodePagesWithReExecute("/Status/{0}");
        });
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseBodyLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health").AllowAnonymous();
        return app;
    }

    private static bool IsApi(HttpContext c) => c.Request.Path.StartsWithSegments("/api");

    private static void UseSecurityHeaders(this WebApplication app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        // No inline script or style anywhere: the strict policy makes injected markup inert.
        headers.ContentSecurityPolicy =
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        return next(context);
    });
}

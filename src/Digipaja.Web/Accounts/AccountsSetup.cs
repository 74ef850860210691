using Digipaja.Web.Data;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Digipaja.Web.Accounts;

public static class Policies
{
    public const string Administrator = nameof(Administrator);
    public const string Api = nameof(Api);
}

public static class AccountsSetup
{
    private const string RequestScheme = "Digipaja";

    public static IServiceCollection AddDigipajaAccounts(this IServiceCollection services, IConfiguration config)
    {
        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<DigipajaDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<DigipajaClaimsFactory>();

        // People sign in with a cookie; the API takes bearer tokens only, so a cookie can never be replayed
        // against it from another site, and its unknown paths answer 404 instead of a redirect to sign-in.
        var auth = services.AddAuthentication(RequestScheme);
        auth.AddPolicyScheme(RequestScheme, RequestScheme, o => o.ForwardDefaultSelector = context =>
            context.Request.Path.StartsWithSegments("/api") ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme);
        auth.AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8));
        auth.AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(o =>
        {
            o.LoginPath = "/Account/SignIn";
            o.LogoutPath = "/Account/SignOut";
            o.AccessDeniedPath = "/Status/403";
            o.Cookie.Name = "digipaja.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            // Instead of Identity's security stamp validator, which loads the user and rebuilds the cookie on every
            // request: the same check from TokenValidity's memory, which every node forgets at a user's change.
            o.Events.OnValidatePrincipal = CookieValidation.ValidateAsync;
        }));

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administrator, p => p.RequireRole(nameof(Role.Administrator)))
            .AddPolicy(Policies.Api, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme)
                .RequireAuthenticatedUser().RequireClaim(DigipajaClaims.County));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(config.GetSection("SignIn").Get<SignInThrottleOptions>() ?? new SignInThrottleOptions());
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SignInDevice>();
        services.AddScoped<PasswordCheck>();
        services.AddScoped<TokenIssuer>();
        services.AddSingleton(config.GetSection("Tokens").Get<TokenValidityOptions>() ?? new TokenValidityOptions());
        services.AddSingleton<TokenValidity>();
        services.AddSingleton<UserChangesInterceptor>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<UserChangesInterceptor>());
        return services;
    }
}

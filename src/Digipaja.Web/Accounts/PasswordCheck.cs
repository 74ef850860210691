using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Digipaja.Web.Accounts;

public enum PasswordOutcome
{
    Succeeded,
    /// <summary>Unknown address, wrong password, inactive or locked account: one answer, so that none can be told apart.</summary>
    Failed,
    Throttled,
}

public sealed record PasswordResult(PasswordOutcome Outcome, AppUser? User = null, TimeSpan RetryAfter = default);

/// <summary>
/// Checks an e-mail address and password for the sign-in page and the token endpoint alike. Every attempt that gets
/// past the throttle costs one password hash, whether the address is known or not, the account active or locked, so
/// the time of the answer tells nothing about which addresses have accounts.
/// </summary>
public sealed class PasswordCheck(UserManager<AppUser> users, SignInManager<AppUser> signIn, SignInThrottle throttle, SignInDevice devices)
{
    // A hash made once with the app's own hasher and settings, checked for addresses without an account.
    private static string? dummyHash;

    public async Task<PasswordResult> CheckAsync(HttpContext http, string email, string password)
    {
        var client = SignInThrottle.ClientKey(http);
        var user = await users.FindByEmailAsync(email.Trim());
        var device = user is null ? null : devices.Read(http, user.Id);
        if (throttle.IsBlocked(client, email, device, out var retryAfter))
            return new PasswordResult(PasswordOutcome.Throttled, RetryAfter: retryAfter);

        if (user is { IsActive: true } && !await users.IsLockedOutAsync(user))
        {
            var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            if (result.Succeeded) return new PasswordResult(PasswordOutcome.Succeeded, user);
        }
        else
        {
            dummyHash ??= users.PasswordHasher.HashPassword(new AppUser(), Guid.NewGuid().ToString());
            users.PasswordHasher.VerifyHashedPassword(user ?? new AppUser(), dummyHash, password);
        }
        throttle.RecordFailure(client, email, device);
        return new PasswordResult(PasswordOutcome.Failed);
    }
}

/// <summary>
/// A browser where an account has signed in before: a data-protected cookie naming the account and the browser. The
/// throttle counts its failures by themselves rather than with everyone else behind the same address.
/// </summary>
public sealed class SignInDevice(IDataProtectionProvider protection, TimeProvider time)
{
    public const string CookieName = "digipaja.device";
    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("Digipaja.SignInDevice").ToTimeLimitedDataProtector();

    /// <summary>The browser's id when its cookie is valid for this account, otherwise null.</summary>
    public string? Read(HttpContext http, Guid userId)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value)) return null;
        try
        {
            var parts = protector.Unprotect(value).Split('|');
            return parts.Length == 2 && parts[0] == userId.ToString("N") ? parts[1] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public void Remember(HttpContext http, Guid userId)
    {
        var device = Read(http, userId) ?? Guid.NewGuid().ToString("N");
        var lifetime = TimeSpan.FromDays(180);
        http.Response.Cookies.Append(CookieName, protector.Protect($"{userId:N}|{device}", time.GetUtcNow().Add(lifetime)), new CookieOptions
        {
            HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps,
            Path = "/Account", Expires = time.GetUtcNow().Add(lifetime),
        });
    }
}

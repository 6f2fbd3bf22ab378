using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Identity.Data;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.Identity.Hosting;
using PropertyPlatform.Identity.Pages;

namespace PropertyPlatform.Identity.Features.Login;

/// <summary>The login form (field names are the HTML form's; eng/sign-in.sh and the tests' sign-in post them).</summary>
public sealed class LoginForm
{
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}

/// <summary>What the login page shows: the pending request, the name typed, and why the last attempt was refused.</summary>
public sealed record LoginView(
    string? ReturnUrl, string? UserName, LoginProblem? Problem = null, int? RetryInMinutes = null, bool Activated = false);

/// <summary>Why a sign-in was refused, as the page says it.</summary>
public enum LoginProblem
{
    /// <summary>Also for unknown names and for inactive accounts whose password was wrong: nothing tells whether an account exists.</summary>
    WrongCredentials,
    LockedOut,

    /// <summary>Only once the password was right: whoever knows it may learn that the account is disabled.</summary>
    Disabled,
    NotActivated,
}

/// <summary>
/// The one page a person sees: user name (or phone) and password. Answers never tell whether an account exists;
/// user names and passwords are never logged.
/// </summary>
public static class LoginApi
{
    /// <summary>Checked against when there is no password to check, so that the answer takes as long as for a wrong password.</summary>
    private static readonly Lazy<string> UnknownUserHash =
        new(() => new PasswordHasher<Account>().HashPassword(new Account(), Guid.NewGuid().ToString()));

    public static IEndpointRouteBuilder MapLoginApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();
        account.MapGet("/login", ShowLogin);
        account.MapPost("/login", Login).RequireRateLimiting(IdentityPolicies.LoginAttempts);
        account.MapPost("/logout", Logout);
        return app;
    }

    /// <summary>The login page; <paramref name="activated"/> after an activation without a pending authorization.</summary>
    public static RazorComponentResult<LoginPage> ShowLogin(HttpContext http, IAntiforgery antiforgery, string? returnUrl, bool? activated) =>
        Page(http, antiforgery, new LoginView(returnUrl, UserName: null, Activated: activated == true));

    public static async Task<IResult> Login(
        [FromForm] LoginForm form,
        HttpContext http,
        IAntiforgery antiforgery,
        SignInManager<Account> signIn,
        IdentityDbContext db,
        UnknownNameLockout unknownNames,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(LoginApi).FullName!);
        var name = form.UserName?.Trim() ?? "";
        var password = form.Password ?? "";
        IResult Refused(LoginProblem problem, DateTimeOffset? lockedUntil = null) =>
            Page(http, antiforgery, new LoginView(form.ReturnUrl, name, problem, RetryInMinutes(lockedUntil, time.GetUtcNow())));

        var users = signIn.UserManager;
        var account = name.Length == 0 || password.Length == 0 ? null : await FindAsync(users, db, name, cancellationToken);
        if (account is null)
        {
            // Answered as a real account would be: wrong, then locked after as many failures, with a password check's delay.
            var normalizedName = users.NormalizeName(name);
            if (unknownNames.LockedUntil(normalizedName) is { } locked)
            {
                return Refused(LoginProblem.LockedOut, locked);
            }

            users.PasswordHasher.VerifyHashedPassword(new Account(), UnknownUserHash.Value, password);
            return unknownNames.Fail(normalizedName) is { } lockedNow ? Refused(LoginProblem.LockedOut, lockedNow) : Refused(LoginProblem.WrongCredentials);
        }

        if (!account.IsActive)
        {
            return await RefuseInactiveAsync(account, password, users, Refused, logger);
        }

        var result = await signIn.PasswordSignInAsync(account, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: account {AccountId} is locked out", account.Id);
            return Refused(LoginProblem.LockedOut, account.LockoutEnd);
        }

        if (!result.Succeeded)
        {
            return Refused(LoginProblem.WrongCredentials);
        }

        logger.LogInformation("Account {AccountId} signed in", account.Id);
        return SignedIn(http, form.ReturnUrl);
    }

    public static async Task<RedirectHttpResult> Logout(SignInManager<Account> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.Redirect(AuthServerExtensions.LoginPath);
    }

    /// <summary>Back to the pending authorization, or a page that says so when there is none.</summary>
    public static IResult SignedIn(HttpContext http, string? returnUrl)
    {
        if (IsLocalUrl(returnUrl))
        {
            return TypedResults.Redirect(returnUrl!);
        }

        SignInPages.Protect(http.Response);
        return new RazorComponentResult<SignedInPage>();
    }

    /// <summary>Only a path on this server: never an absolute URL (<c>//evil</c>, <c>/\evil</c>, <c>https://…</c>).</summary>
    public static bool IsLocalUrl(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    /// <summary>The login page's own URL for <paramref name="returnUrl"/>.</summary>
    public static string LoginUrl(string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) ? AuthServerExtensions.LoginPath : AuthServerExtensions.LoginPath + QueryString.Create("ReturnUrl", returnUrl);

    /// <summary>
    /// A disabled or pending account is refused before ASP.NET Identity looks at the password, so it is checked here:
    /// a wrong one counts towards the lockout and is answered as for any account, and only the right one hears why.
    /// </summary>
    private static async Task<IResult> RefuseInactiveAsync(
        Account account, string password, UserManager<Account> users, Func<LoginProblem, DateTimeOffset?, IResult> refused, ILogger logger)
    {
        if (await users.IsLockedOutAsync(account))
        {
            return refused(LoginProblem.LockedOut, account.LockoutEnd);
        }

        bool right;
        if (account.PasswordHash is null)
        {
            // A pending owner has no password yet: spend the time a check takes all the same.
            users.PasswordHasher.VerifyHashedPassword(account, UnknownUserHash.Value, password);
            right = false;
        }
        else
        {
            right = await users.CheckPasswordAsync(account, password);
        }

        if (!right)
        {
            await users.AccessFailedAsync(account);
            return await users.IsLockedOutAsync(account)
                ? refused(LoginProblem.LockedOut, account.LockoutEnd)
                : refused(LoginProblem.WrongCredentials, null);
        }

        logger.LogWarning("Sign-in refused: account {AccountId} is {Status}", account.Id, account.Status);
        return refused(account.Status == AccountStatus.Disabled ? LoginProblem.Disabled : LoginProblem.NotActivated, null);
    }

    /// <summary>Whole minutes, rounded up; none for a lockout without an end.</summary>
    private static int? RetryInMinutes(DateTimeOffset? lockedUntil, DateTimeOffset now) =>
        lockedUntil is { } until && until > now && until - now < TimeSpan.FromDays(1)
            ? (int)Math.Ceiling((until - now).TotalMinutes)
            : null;

    private static async Task<Account?> FindAsync(UserManager<Account> users, IdentityDbContext db, string name, CancellationToken cancellationToken) =>
        await users.FindByNameAsync(name)
        ?? await db.Accounts.Where(a => a.PhoneNumber == name).OrderBy(a => a.CreatedAt).FirstOrDefaultAsync(cancellationToken);

    private static RazorComponentResult<LoginPage> Page(HttpContext http, IAntiforgery antiforgery, LoginView view)
    {
        SignInPages.Protect(http.Response);
        return new RazorComponentResult<LoginPage>(new { View = view, Antiforgery = antiforgery.GetAndStoreTokens(http) });
    }
}

using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features.Payments;

/// <summary>
/// The development provider's checkout page, where the payer is sent to pay (<see cref="DevelopmentPaymentProvider"/>
/// hands out its address): the amount, and "Pay" or "Decline". Either button makes the provider call billing back with
/// its signed callback over HTTP, exactly as a real provider's page would after the payer paid or gave up, so in
/// Development an owner's online payment can be completed in the browser. Mapped only where that provider is (Development
/// and Testing); the page knows a payment only by its unguessable reference, as a provider's page does.
/// </summary>
public static class DevelopmentCheckout
{
    public const string PathPrefix = "/api/billing/payments/development/checkout";

    public static RouteGroupBuilder MapDevelopmentCheckout(this RouteGroupBuilder api)
    {
        if (((IEndpointRouteBuilder)api).ServiceProvider.GetService<DevelopmentPaymentProvider>() is null)
        {
            return api;
        }

        var checkout = api.MapGroup("/payments/development/checkout").WithTags("Payments").ExcludeFromDescription().AllowAnonymous();
        checkout.MapGet("/{reference}", Show);
        checkout.MapPost("/{reference}/pay", (string reference, IServiceProvider services, IServer server, DevelopmentPaymentProvider provider, TimeProvider time, CancellationToken ct) =>
            CompleteAsync(reference, confirmed: true, services, server, provider, time, ct));
        checkout.MapPost("/{reference}/decline", (string reference, IServiceProvider services, IServer server, DevelopmentPaymentProvider provider, TimeProvider time, CancellationToken ct) =>
            CompleteAsync(reference, confirmed: false, services, server, provider, time, ct));
        return api;
    }

    /// <summary>The page's address for a payment's reference, relative: the payer's browser reaches billing through the gateway it already uses.</summary>
    public static Uri PageFor(string reference) => new($"{PathPrefix}/{Uri.EscapeDataString(reference)}", UriKind.Relative);

    private static async Task<ContentHttpResult> Show(string reference, IServiceProvider services, CancellationToken cancellationToken)
    {
        var payment = await FindAsync(services, reference, cancellationToken);
        if (payment is null)
        {
            return Page(StatusCodes.Status404NotFound, "No such payment", "<p>The payment provider knows no payment with this reference.</p>");
        }

        var amount = Escape(string.Create(CultureInfo.InvariantCulture, $"{payment.Amount:0.00} {payment.Currency}"));
        if (payment.Status != ProviderPaymentStatus.Pending)
        {
            return Page(StatusCodes.Status200OK, "Payment " + Escape(Outcome(payment.Status)), $"<p data-testid=\"outcome\">This payment of {amount} is {Escape(Outcome(payment.Status))}.</p>");
        }

        var path = Escape(PageFor(reference).OriginalString);
        return Page(StatusCodes.Status200OK, "Pay " + amount,
            $"""
            <p>Development payment provider: nothing is charged. The merchant is told the outcome by a signed callback.</p>
            <dl><dt>Amount</dt><dd data-testid="amount">{amount}</dd><dt>Reference</dt><dd>{Escape(reference)}</dd></dl>
            <form method="post" action="{path}/pay"><button type="submit" data-testid="pay">Pay {amount}</button></form>
            <form method="post" action="{path}/decline"><button type="submit" class="secondary" data-testid="decline">Decline</button></form>
            """);
    }

    private static async Task<ContentHttpResult> CompleteAsync(
        string reference, bool confirmed, IServiceProvider services, IServer server, DevelopmentPaymentProvider provider, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(services, reference, cancellationToken) is null)
        {
            return Page(StatusCodes.Status404NotFound, "No such payment", "<p>The payment provider knows no payment with this reference.</p>");
        }

        using var response = await provider.SendCallbackAsync(OwnAddress(server), reference, confirmed, time.GetUtcNow(), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return Page(StatusCodes.Status502BadGateway, "The merchant did not accept the outcome",
                $"<p>Billing answered the provider's callback with {(int)response.StatusCode}. Nothing was charged.</p>");
        }

        var payment = await FindAsync(services, reference, cancellationToken);
        return Page(StatusCodes.Status200OK, "Payment " + Escape(Outcome(payment!.Status)),
            $"<p data-testid=\"outcome\">The payment is {Escape(Outcome(payment.Status))}. You can close this page and go back to the app.</p>");
    }

    /// <summary>The payment, read as the system: the provider's page is no platform user.</summary>
    private static async Task<ProviderPayment?> FindAsync(IServiceProvider services, string reference, CancellationToken cancellationToken)
    {
        await using var db = new BillingDbContext(services.GetRequiredService<DbContextOptions<BillingDbContext>>(), EstateScope.System);
        return await db.ProviderPayments.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Provider == DevelopmentPaymentProvider.ProviderName && p.ProviderReference == reference, cancellationToken);
    }

    /// <summary>
    /// Where the callback goes when the provider's options name no public address (the AppHost names the gateway's):
    /// billing's own listening address, never one taken from the request, which an anonymous caller could point anywhere.
    /// </summary>
    private static Uri OwnAddress(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? "http://localhost";
        // A wildcard binding ("http://+:8080", "http://[::]:8080") is reached on this machine's loopback.
        var wildcard = System.Text.RegularExpressions.Regex.Replace(address, @"^http://(\+|\*|\[::\]|0\.0\.0\.0)(?=[:/]|$)", "http://localhost");
        return new Uri(wildcard);
    }

    private static string Outcome(ProviderPaymentStatus status) => status switch
    {
        ProviderPaymentStatus.Confirmed => "paid",
        ProviderPaymentStatus.Failed => "declined",
        _ => "waiting",
    };

    private static string Escape(string text) => HtmlEncoder.Default.Encode(text);

    private static ContentHttpResult Page(int status, string title, string body) => TypedResults.Content(
        $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Development payment provider</title>
        <style>
        body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
        button { font: inherit; padding: .6rem 1.2rem; margin: .3rem 0; border-radius: 4px; border: 1px solid #0f6cbd; background: #0f6cbd; color: #fff; cursor: pointer; }
        button.secondary { background: #fff; color: #0f6cbd; }
        dt { font-weight: 600; }
        </style>
        </head>
        <body>
        <main>
        <h1>{{title}}</h1>
        {{body}}
        </main>
        </body>
        </html>
        """,
        "text/html; charset=utf-8",
        statusCode: status);
}

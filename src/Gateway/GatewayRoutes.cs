using Yarp.ReverseProxy.Configuration;

namespace PropertyPlatform.Gateway;

/// <summary>
/// The public surface: <c>/api/&lt;service&gt;/**</c> goes to that service, unchanged, and only with a valid access
/// token; sign-in (login page, OAuth endpoints, discovery, owner activation) goes to identity without one, and a payment
/// provider's signed callback (and the development provider's checkout page) to billing.
/// Destinations are the service names, resolved by service discovery (<c>services__&lt;name&gt;__http__0</c>), never
/// hard-coded URLs. Everything else is the web app's (the staff console and the owners' portal), which enforces its own
/// sign-in.
/// </summary>
public static class GatewayRoutes
{
    /// <summary>YARP's name for "no token needed" on a route.</summary>
    public const string Anonymous = "anonymous";

    public static readonly IReadOnlyList<string> Services =
        ["reception", "maintenance", "billing", "security-gate", "hr-training", "identity"];

    /// <summary>The web app's service name: it gets every path no other route takes.</summary>
    public const string WebApp = "web";

    /// <summary>Identity's public paths: what a caller needs before it has a token.</summary>
    public static readonly IReadOnlyList<string> SignInPaths =
        ["/connect/{**rest}", "/account/{**rest}", "/.well-known/{**rest}", "/api/identity/activation"];

    /// <summary>
    /// A payment provider's confirmation of a payment: the provider has no token of ours; billing verifies the callback's
    /// signature (and refuses it otherwise). Only this path and only POST.
    /// </summary>
    public const string PaymentCallbackPath = "/api/billing/payments/callbacks/{provider}";

    /// <summary>
    /// The development payment provider's checkout page, which the payer's browser opens without a token (billing maps it
    /// only in Development and Testing; elsewhere billing answers 404).
    /// </summary>
    public const string DevelopmentCheckoutPath = "/api/billing/payments/development/checkout/{**rest}";

    public static IReadOnlyList<RouteConfig> Routes { get; } =
    [
        .. Services.Select(service => new RouteConfig
        {
            RouteId = service,
            ClusterId = service,
            Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
            // No policy: the gateway's fallback policy (an authenticated caller) applies.
        }),
        .. SignInPaths.Select((path, index) => new RouteConfig
        {
            RouteId = $"identity-sign-in-{index}",
            ClusterId = "identity",
            Match = new RouteMatch { Path = path },
            AuthorizationPolicy = Anonymous,
            // More specific than /api/identity/{**rest}.
            Order = -1,
        }),
        new RouteConfig
        {
            RouteId = "billing-payment-callbacks",
            ClusterId = "billing",
            Match = new RouteMatch { Path = PaymentCallbackPath, Methods = ["POST"] },
            AuthorizationPolicy = Anonymous,
            // More specific than /api/billing/{**rest}.
            Order = -1,
        },
        new RouteConfig
        {
            RouteId = "billing-development-checkout",
            ClusterId = "billing",
            Match = new RouteMatch { Path = DevelopmentCheckoutPath, Methods = ["GET", "POST"] },
            AuthorizationPolicy = Anonymous,
            Order = -1,
        },
        new RouteConfig
        {
            RouteId = WebApp,
            ClusterId = WebApp,
            Match = new RouteMatch { Path = "/{**rest}" },
            // The web app asks for sign-in itself (its cookie, not a bearer token).
            AuthorizationPolicy = Anonymous,
            // Last of all: the API, sign-in, health and the gateway's own paths come first.
            Order = int.MaxValue,
        },
    ];

    public static IReadOnlyList<ClusterConfig> Clusters { get; } = Services.Append(WebApp)
        .Select(service => new ClusterConfig
        {
            ClusterId = service,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [service] = new() { Address = $"http://{service}" },
            },
        })
        .ToList();
}

using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost;

/// <summary>
/// Every service's broker permissions, in one place. MassTransit names an event's exchange after its type
/// (<c>PropertyPlatform.Contracts.Reception:RepairRequested</c>) and src/Contracts keeps each service's events in a
/// namespace of its own, so <see cref="PublishedNamespaces"/> decides where a service may publish. How RabbitMQ's
/// three permissions meet MassTransit's topology:
/// <list type="bullet">
/// <item><b>write</b> (publish to; be the destination of a binding): the exchanges of the events the service
/// publishes, those it publishes jointly with others (charges) and the ones every service publishes (SLA, notifications); <c>IIntegrationEvent</c>'s exchange, which MassTransit binds every event's
/// exchange to; the service's own endpoints (queues and exchanges named after it, with their <c>_error</c> and
/// <c>_skipped</c> twins); its temporary bus endpoint; fault events.</item>
/// <item><b>read</b> (consume from; be the source of a binding): every event exchange (a consumer's endpoint is bound
/// to the event's exchange, and an event's exchange to its interface's), the service's own endpoints, faults.</item>
/// <item><b>configure</b> (declare; and so, alas, delete: RabbitMQ has no declare-only permission): whatever
/// MassTransit declares, which is every exchange it binds or publishes to, so every event exchange too.</item>
/// </list>
/// What a service may not do is write where another service's events go: it can't forge them.
/// </summary>
public static class BrokerPermissions
{
    /// <summary>The namespace of src/Contracts whose events each service publishes (identity publishes none).</summary>
    public static readonly IReadOnlyDictionary<string, string?> PublishedNamespaces = new Dictionary<string, string?>
    {
        ["reception"] = "PropertyPlatform.Contracts.Reception",
        ["maintenance"] = "PropertyPlatform.Contracts.Maintenance",
        ["billing"] = "PropertyPlatform.Contracts.Billing",
        ["security-gate"] = "PropertyPlatform.Contracts.SecurityGate",
        ["hr-training"] = "PropertyPlatform.Contracts.HrTraining",
        [PlatformModel.IdentityService] = null,
    };

    /// <summary>
    /// Any service may publish these: the shared SLA monitor runs in every service, and every service asks reception's
    /// one notification consumer to notify someone.
    /// </summary>
    public static readonly IReadOnlyList<string> SharedNamespaces =
        ["PropertyPlatform.Contracts.Sla", "PropertyPlatform.Contracts.Notifications"];

    /// <summary>Namespaces of events some services publish together: what billing receives as charges from several of them.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> JointlyPublishedNamespaces =
        new Dictionary<string, IReadOnlyList<string>>
        {
            ["PropertyPlatform.Contracts.Charges"] = ["maintenance", "security-gate"],
        };

    /// <summary>Every namespace <paramref name="service"/> may publish to.</summary>
    public static IEnumerable<string> NamespacesPublishedBy(string service) =>
        new[] { PublishedNamespaces[service] }.OfType<string>()
            .Concat(JointlyPublishedNamespaces.Where(n => n.Value.Contains(service)).Select(n => n.Key))
            .Concat(SharedNamespaces);

    private const string AnyEvent = @"PropertyPlatform\.Contracts(\.[A-Za-z]+)*:[A-Za-z0-9]+";
    private const string EventInterface = @"PropertyPlatform\.Contracts:IIntegrationEvent";
    private const string Faults = @"MassTransit:Fault(--.+--)?";

    /// <summary>MassTransit's temporary endpoint of each bus instance: <c>&lt;host&gt;_&lt;process&gt;_bus_&lt;id&gt;</c>.</summary>
    private const string BusEndpoint = @"[^:]+_bus_[a-z0-9]+";

    public static RabbitMQPermissions For(string service)
    {
        var published = NamespacesPublishedBy(service)
            .Select(ns => ns.Replace(".", @"\.", StringComparison.Ordinal) + ":[A-Za-z0-9]+");
        // MassTransit's queue names: KebabCaseEndpointNameFormatter with the service's name as prefix (ServiceDefaults' AddMessaging).
        var ownEndpoints = $"{System.Text.RegularExpressions.Regex.Escape(service)}-[a-z0-9-]+(_error|_skipped)?";
        return new RabbitMQPermissions(
            Configure: Any(ownEndpoints, BusEndpoint, AnyEvent, Faults),
            Write: Any([ownEndpoints, BusEndpoint, EventInterface, Faults, .. published]),
            Read: Any(ownEndpoints, BusEndpoint, AnyEvent, Faults));
    }

    private static string Any(params string[] names) => $"^({string.Join('|', names)})$";
}

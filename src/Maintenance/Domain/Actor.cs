namespace PropertyPlatform.Maintenance.Domain;

/// <summary>Who took a step: the token's subject (a staff member's account id) and display name.</summary>
public sealed record Actor(string Subject, string Name)
{
    /// <summary>Maintenance itself, acting on an event (an emergency dispatched at once, a callback closing the order).</summary>
    public static Actor System { get; } = new("system:maintenance", "maintenance");
}

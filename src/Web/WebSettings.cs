namespace PropertyPlatform.Web;

/// <summary>The <c>Web</c> configuration section: how the web signs its users in at identity.</summary>
public sealed class WebSettings
{
    public const string Section = "Web";

    /// <summary>Identity's issuer: the gateway's public address (the AppHost passes it).</summary>
    public Uri? Authority { get; set; }

    public string ClientId { get; set; } = "web";

    /// <summary>The web's client secret at identity: the web is a confidential client (the AppHost makes it per run).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Only plain HTTP on loopback in development and tests.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The access token is renewed this long before it expires.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a signed-in session lasts without use (the refresh token's own lifetime is identity's).</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);
}

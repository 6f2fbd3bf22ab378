namespace PropertyPlatform.Identity.Hosting;

/// <summary>The <c>Identity</c> configuration section.</summary>
public sealed class IdentitySettings
{
    public const string Section = "Identity";

    /// <summary>The issuer in tokens and discovery (the public gateway URL); unset: derived from each request.</summary>
    public Uri? Issuer { get; set; }

    /// <summary>Allows plain HTTP (development and tests only).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Where the RSA signing and encryption keys live (created when missing); unset: ephemeral keys.</summary>
    public string? KeyDirectory { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How long a redeemed refresh token is still accepted: two tabs refreshing at once are not a theft. Presented again
    /// after it, the token revokes its whole chain.
    /// </summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Login and activation attempts per client IP and minute.</summary>
    public int LoginPermitsPerMinute { get; set; } = 10;

    /// <summary>Creates the demo group's accounts at start-up (Development only).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>
    /// Client id → the audiences that service client may get tokens for: only the services it really calls. A client
    /// not listed gets none (deny by default).
    /// </summary>
    public Dictionary<string, List<string>> ClientAudiences { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per client id: its secret (confidential clients) or redirect URIs (public clients).</summary>
    public Dictionary<string, ClientSettings> Clients { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What would be unsafe outside Development: each finding names its setting (see ProductionSafety).</summary>
    public IEnumerable<string> UnsafeOutsideDevelopment()
    {
        if (Issuer is null)
        {
            yield return $"{Section}:Issuer is not set: the issuer would be taken from each request's Host header.";
        }

        if (string.IsNullOrWhiteSpace(KeyDirectory))
        {
            yield return $"{Section}:KeyDirectory is not set: signing keys would be ephemeral, and every token and session would die at a restart.";
        }
    }

    public ClientSettings Client(string clientId) => Clients.TryGetValue(clientId, out var client) ? client : new ClientSettings();
}

public sealed class ClientSettings
{
    public string? Secret { get; set; }

    public List<string> RedirectUris { get; set; } = [];

    public List<string> PostLogoutRedirectUris { get; set; } = [];
}

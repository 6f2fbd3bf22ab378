using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PropertyPlatform.Billing.Features.Payments;

public sealed class DevelopmentPaymentProviderOptions
{
    public const string ConfigurationSection = "Billing:Payments:Development";

    /// <summary>The secret the provider signs callbacks with (HMAC-SHA256); a real provider's comes from its merchant console.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Where the provider calls back: the merchant's public address (the AppHost gives the gateway's); billing's own when empty.</summary>
    public Uri? CallbackBaseAddress { get; set; }
}

/// <summary>The body a provider posts to the callback: the payment's reference and <c>confirmed</c> or <c>failed</c>.</summary>
public sealed record CallbackBody(string? Reference, string? Status, string? Reason);

/// <summary>
/// A payment provider for development and tests that behaves like a real one: it hands out references, and it confirms
/// or fails a payment only by posting a callback signed with HMAC-SHA256 over <c>timestamp.body</c>
/// (<see cref="SignatureHeader"/>, <see cref="TimestampHeader"/>), which billing verifies before booking anything.
/// Registered only in Development and Testing.
/// </summary>
public sealed class DevelopmentPaymentProvider(IOptions<DevelopmentPaymentProviderOptions> options, IHttpClientFactory http) : IPaymentProvider
{
    public const string ProviderName = "development";
    public const string SignatureHeader = "X-Provider-Signature";
    public const string TimestampHeader = "X-Provider-Timestamp";

    /// <summary>How old a callback may be: a captured callback replayed later is refused.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<Guid, ProviderRefundRequest> _refunds = new();

    public string Name => ProviderName;

    /// <summary>Development: the provider's refund service is down (refunds throw) until set back, to see billing retry.</summary>
    public bool RefundsUnavailable { get; set; }

    /// <summary>The refunds the provider was asked to pay, once each by refund id, as its merchant console would list them.</summary>
    public IReadOnlyCollection<ProviderRefundRequest> Refunds => [.. _refunds.Values];

    public Task<string> RefundAsync(ProviderRefundRequest request, CancellationToken cancellationToken)
    {
        if (RefundsUnavailable)
        {
            throw new HttpRequestException("The development provider's refund service is unavailable.");
        }

        _refunds.TryAdd(request.RefundId, request);
        return Task.FromResult($"devrefund_{request.RefundId:N}");
    }

    public Task<ProviderCheckout> StartAsync(ProviderPaymentRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderCheckout($"dev_{request.ProviderPaymentId:N}", DevelopmentCheckout.PageFor($"dev_{request.ProviderPaymentId:N}")));

    public ProviderCallback? VerifyCallback(string body, IHeaderDictionary headers, DateTimeOffset now)
    {
        if (!long.TryParse(headers[TimestampHeader].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return null;
        }

        var expected = Sign(body, seconds);
        var given = headers[SignatureHeader].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given)))
        {
            return null;
        }

        var parsed = JsonSerializer.Deserialize<CallbackBody>(body, JsonSerializerOptions.Web);
        return parsed?.Reference is { Length: > 0 } reference && parsed.Status is "confirmed" or "failed"
            ? new ProviderCallback(reference, parsed.Status == "confirmed", parsed.Reason)
            : null;
    }

    /// <summary>The callback the provider sends for <paramref name="reference"/>: its body and signed headers.</summary>
    public HttpRequestMessage Callback(Uri callbackUrl, string reference, bool confirmed, DateTimeOffset at, string? reason = null)
    {
        var body = JsonSerializer.Serialize(new CallbackBody(reference, confirmed ? "confirmed" : "failed", reason), JsonSerializerOptions.Web);
        var seconds = at.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, callbackUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(TimestampHeader, seconds.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, Sign(body, seconds));
        return request;
    }

    /// <summary>Confirms or fails a payment the way a provider does: by calling billing back over HTTP.</summary>
    public async Task<HttpResponseMessage> SendCallbackAsync(Uri billingBaseAddress, string reference, bool confirmed, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var baseAddress = options.Value.CallbackBaseAddress ?? billingBaseAddress;
        using var request = Callback(new Uri(baseAddress, $"/api/billing/payments/callbacks/{ProviderName}"), reference, confirmed, at);
        return await http.CreateClient(ProviderName).SendAsync(request, cancellationToken);
    }

    private string Sign(string body, long seconds)
    {
        var secret = options.Value.Secret is { Length: >= 16 } configured
            ? configured
            : throw new InvalidOperationException($"{DevelopmentPaymentProviderOptions.ConfigurationSection}:Secret must be at least 16 characters.");
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{seconds}.{body}")));
        return Convert.ToHexStringLower(mac);
    }
}

using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace PropertyPlatform.TestSupport;

/// <summary>A message as the mail catcher (smtp4dev) received it.</summary>
public sealed record CaughtMail(string Id, string From, string[] To, string Subject, string Body);

/// <summary>Reads the development mail catcher's inbox through its web API, as a person would read its page.</summary>
public sealed class MailCatcher(Uri inbox) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = inbox };

    /// <summary>Waits until a message to <paramref name="address"/> has arrived; returns every message to it.</summary>
    public async Task<IReadOnlyList<CaughtMail>> WaitForMailToAsync(string address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        IReadOnlyList<CaughtMail> found = [];
        await Eventually.Async(async () => (found = await MailToAsync(address, cancellationToken)).Count > 0, timeout, $"mail to {address}");
        return found;
    }

    public async Task<IReadOnlyList<CaughtMail>> MailToAsync(string address, CancellationToken cancellationToken)
    {
        var page = await _http.GetFromJsonAsync<MessagePage>("/api/messages?pageSize=1000", cancellationToken)
            ?? throw new InvalidOperationException("The mail catcher answered nothing.");
        var mail = new List<CaughtMail>();
        foreach (var summary in page.Results.Where(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase)))
        {
            var body = await _http.GetStringAsync($"/api/messages/{summary.Id}/plaintext", cancellationToken);
            mail.Add(new CaughtMail(summary.Id, summary.From, summary.To, summary.Subject, body));
        }

        return mail;
    }

    public void Dispose() => _http.Dispose();

    private sealed record MessagePage([property: JsonPropertyName("results")] MessageSummary[] Results);

    private sealed record MessageSummary(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("from")] string From,
        [property: JsonPropertyName("to")] string[] To,
        [property: JsonPropertyName("subject")] string Subject);
}

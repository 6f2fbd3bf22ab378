using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace PropertyPlatform.TestSupport;

/// <summary>Requests a service refuses, asked in a language, for tests of what its problem details say.</summary>
public static class ProblemRequests
{
    /// <summary>
    /// Sends <paramref name="body"/> (none when null) with <c>Accept-Language: <paramref name="language"/></c> (no header when
    /// null), checks the refusal's status and reads its problem details.
    /// </summary>
    public static async Task<JsonElement> ProblemAsync(
        this HttpClient client, HttpMethod method, string path, object? body, string? language, HttpStatusCode expected)
    {
        var ct = TestContext.Current.CancellationToken;
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: ApiJson.Options) };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        using var response = await client.SendAsync(request, ct);
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync(ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components.Authorization;

namespace PropertyPlatform.Web.Api;

/// <summary>
/// The services, through the gateway (service discovery's <c>http://gateway</c>), as the signed-in user: in a plain
/// request and in an interactive circuit alike the user comes from the authentication state of the page's scope.
/// </summary>
public sealed class GatewayClient(HttpClient http, AuthenticationStateProvider authentication)
{
    public const string GatewayAddress = "http://gateway";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<ApiResult<T>> PostAsync<T>(string path, object body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);

    public Task<ApiResult<T>> PutAsync<T>(string path, object body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);

    /// <summary>A multipart POST (a photo upload); the form is disposed with the request.</summary>
    public Task<ApiResult<T>> PostFormAsync<T>(string path, MultipartFormDataContent form, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = form }, cancellationToken);

    /// <summary>A POST the service performs once per <paramref name="idempotencyKey"/>: a retry with the same key answers the first result.</summary>
    public Task<ApiResult<T>> PostOnceAsync<T>(string path, object body, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return SendAsync<T>(request, cancellationToken);
    }

    private async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            request.Options.Set(BearerTokenHandler.User, (await authentication.GetAuthenticationStateAsync()).User);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new ApiResult<T>(await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), response.StatusCode, null, Empty);
            }

            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ? await response.Content.ReadFromJsonAsync<Problem>(Json, cancellationToken)
                : null;
            return new ApiResult<T>(default, response.StatusCode, problem?.Title, problem?.Errors ?? Empty) { Detail = problem?.Detail };
        }
    }

    private static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();

    private sealed record Problem(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}

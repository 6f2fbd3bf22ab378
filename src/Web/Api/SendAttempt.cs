namespace PropertyPlatform.Web.Api;

/// <summary>
/// The Idempotency-Key of a request the user is sending: the same key for every send of the same request (a double
/// click, a retry after a lost answer), so the service performs it once; a new key once it went through, or when the
/// user changes what is sent. <paramref name="prefix"/> says whose key it is in the service's rows.
/// </summary>
public sealed class SendAttempt(string prefix)
{
    private object? _request;

    public string Key { get; private set; } = NewKey(prefix);

    /// <summary>The key to send <paramref name="request"/> with (compared by value: a record or a tuple).</summary>
    public string KeyFor(object request)
    {
        if (_request is { } earlier && !earlier.Equals(request))
        {
            Key = NewKey(prefix);
        }

        _request = request;
        return Key;
    }

    /// <summary>The request went through: the next one is another request.</summary>
    public void Completed()
    {
        _request = null;
        Key = NewKey(prefix);
    }

    private static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}

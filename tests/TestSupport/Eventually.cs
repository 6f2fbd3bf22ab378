namespace PropertyPlatform.TestSupport;

/// <summary>Waits for something that happens asynchronously (a message consumed, an event published).</summary>
public static class Eventually
{
    public static async Task Async(Func<bool> condition, TimeSpan timeout, string? because = null) =>
        await Async(() => Task.FromResult(condition()), timeout, because);

    public static async Task Async(Func<Task<bool>> condition, TimeSpan timeout, string? because = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}{(because is null ? "" : $": {because}")}.");
            }

            await Task.Delay(100);
        }
    }
}

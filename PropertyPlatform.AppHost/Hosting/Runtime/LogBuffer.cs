namespace PropertyPlatform.AppHost.Hosting;

/// <summary>One line a child wrote; <see cref="Sequence"/> lets the dashboard ask only for newer lines.</summary>
public sealed record LogLine(long Sequence, DateTimeOffset Timestamp, bool IsError, string Text);

/// <summary>The most recent console lines of a resource (a ring buffer: old lines fall off).</summary>
public sealed class LogBuffer(int capacity = 2000)
{
    private readonly Queue<LogLine> lines = new();
    private readonly Lock gate = new();
    private long sequence;

    public void Add(string text, bool isError = false)
    {
        lock (gate)
        {
            lines.Enqueue(new LogLine(++sequence, DateTimeOffset.UtcNow, isError, text));
            while (lines.Count > capacity)
            {
                lines.Dequeue();
            }
        }
    }

    public IReadOnlyList<LogLine> GetLines(long afterSequence = 0)
    {
        lock (gate)
        {
            return [.. lines.Where(l => l.Sequence > afterSequence)];
        }
    }
}

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>A resource could not be acquired, started or reached; the message says what to do.</summary>
public sealed class DistributedApplicationException : Exception
{
    public DistributedApplicationException()
    {
    }

    public DistributedApplicationException(string message)
        : base(message)
    {
    }

    public DistributedApplicationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PropertyPlatform.ServiceDefaults.Data;

public static class DbUpdateExceptionExtensions
{
    /// <summary>
    /// Whether a save failed on a unique index: the same thing written twice at once (a double click, a redelivered
    /// event, two replicas' schedulers), which the caller turns into a conflict or treats as already done.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}

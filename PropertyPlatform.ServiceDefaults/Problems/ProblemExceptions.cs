namespace PropertyPlatform.ServiceDefaults.Problems;

/// <summary>Input that breaks a rule: answered 400 with the failing fields, and nothing is changed.</summary>
public sealed class ValidationFailedException(IDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid.")
{
    public ValidationFailedException(string field, string error)
        : this(new Dictionary<string, string[]> { [field] = [error] })
    {
    }

    public IDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>The record does not exist, or the caller may not know that it does: answered 404.</summary>
public sealed class NotFoundException(string resource, object key)
    : Exception($"{resource} '{key}' was not found.");

/// <summary>The request conflicts with the current state of the record: answered 409.</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>The caller may not do this here (another estate, another owner's unit, a role they lack): answered 403.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

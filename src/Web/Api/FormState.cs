using System.Diagnostics.CodeAnalysis;
using Microsoft.FluentUI.AspNetCore.Components;

namespace PropertyPlatform.Web.Api;

/// <summary>
/// What a form shows of its last call's refusal: the service's field errors by the request's field names (each shown
/// next to its field), else one plain message — the 403/404 worded for people, or the service's own words
/// (<see cref="ApiResult{T}.Problem"/>).
/// </summary>
public sealed class FormState
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    /// <summary>The errors by field; a page may also set its own (a value it could not read before any call).</summary>
    public IReadOnlyDictionary<string, string[]> FieldErrors { get; set; } = NoErrors;

    /// <summary>What went wrong when no field is to blame (not the user's record, a conflict); null when nothing did.</summary>
    public string? Message { get; set; }

    /// <summary>
    /// Takes the call's result: whether it succeeded; if not, its field errors, or the plain message — <paramref name="notYours"/>
    /// for a 403/404, else the service's words, else <paramref name="somethingWentWrong"/>. A success clears both. A null
    /// result (the session was lost, the browser is on its way to sign-in) changes nothing.
    /// </summary>
    public bool Read<T>([NotNullWhen(true)] ApiResult<T>? result, string notYours, string somethingWentWrong)
    {
        if (result is null)
        {
            return false;
        }

        FieldErrors = result.FieldErrors;
        Message = result.Succeeded ? null
            : result.IsNotFoundOrForbidden ? notYours
            : result.FieldErrors.Count > 0 ? null
            : result.Problem ?? somethingWentWrong;
        return result.Succeeded;
    }

    /// <summary>The field's errors as one text, or null when it has none.</summary>
    public string? ErrorFor(string field) => FieldErrors.TryGetValue(field, out var errors) ? string.Join(" ", errors) : null;

    /// <summary>The field's look: an error while it has one.</summary>
    public MessageState? StateFor(string field) => FieldErrors.ContainsKey(field) ? MessageState.Error : null;

    /// <summary>Forgets one field's errors (what they were about has changed); the others stay.</summary>
    public void ClearField(string field)
    {
        if (FieldErrors.ContainsKey(field))
        {
            FieldErrors = FieldErrors.Where(e => e.Key != field).ToDictionary();
        }
    }

    /// <summary>Forgets the field errors and the message.</summary>
    public void Clear() => (FieldErrors, Message) = (NoErrors, null);
}

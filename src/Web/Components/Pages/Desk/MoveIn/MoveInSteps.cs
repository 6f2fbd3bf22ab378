namespace PropertyPlatform.Web.Components.Pages.Desk.MoveIn;

/// <summary>
/// The wizard's steps and which one holds each of reception's fields: a field error sends the clerk back to the
/// first step that has one, where it shows beside its field.
/// </summary>
public static class MoveInSteps
{
    public const int Unit = 0;
    public const int Residents = 1;
    public const int Handover = 2;
    public const int Review = 3;

    public static int StepOf(string field) => field switch
    {
        "estateId" or "unitId" or "movedInOn" => Unit,
        "residents" => Residents,
        _ when field.StartsWith("residents[", StringComparison.Ordinal) => Residents,
        "documentsChecked" or "keysHandedOver" or "handoverNotes" => Handover,
        _ when field.StartsWith("meterReadings", StringComparison.Ordinal) => Handover,
        // A field no step holds is shown on the review step, where the clerk is.
        _ => Review,
    };

    public static int FirstWithErrors(IEnumerable<string> fields) => fields.Select(StepOf).DefaultIfEmpty(Review).Min();
}

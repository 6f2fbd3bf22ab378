using System.Text.Json;
using System.Text.Json.Serialization;

namespace PropertyPlatform.TestSupport;

/// <summary>How the services write JSON (web defaults, enums by name), for tests that read their answers.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}

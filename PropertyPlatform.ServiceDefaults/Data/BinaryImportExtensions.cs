using Npgsql;
using NpgsqlTypes;

namespace PropertyPlatform.ServiceDefaults.Data;

/// <summary>Nullable columns in a binary COPY: a null is written as SQL NULL, a value with its type.</summary>
public static class BinaryImportExtensions
{
    public static Task WriteNullableAsync(this NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, type, cancellationToken);

    public static Task WriteNullableAsync(this NpgsqlBinaryImporter writer, Guid? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is { } id ? writer.WriteAsync(id, type, cancellationToken) : writer.WriteNullAsync(cancellationToken);
}

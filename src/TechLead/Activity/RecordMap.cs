using Azure.Data.Tables;

namespace TechLead.Activity;

/// <summary>
/// How one record type lives in Table Storage: its table, keys, the columns queries filter on, and how it is
/// trimmed so no row nears the 64 KiB string limit. The record itself travels as JSON in the <c>Data</c> column
/// (ADR 0002).
/// </summary>
public interface IRecordMap<T>
{
    string Table { get; }

    string PartitionKey(T record);

    string RowKey(T record);

    /// <summary>Returns the record with long text capped; called before every write.</summary>
    T Fit(T record);

    /// <summary>Adds the columns server-side filters use (times, state). The JSON in Data stays the source of truth.</summary>
    void AddQueryColumns(T record, TableEntity entity);
}

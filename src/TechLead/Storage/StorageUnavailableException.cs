namespace TechLead.Storage;

/// <summary>Table Storage could not be reached or refused the request; the message names the endpoint.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

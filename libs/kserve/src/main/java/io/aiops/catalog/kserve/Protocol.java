package io.aiops.catalog.kserve;

/** The inference protocols a KServe model server speaks over REST; auto asks the server which. */
public enum Protocol { v1, v2, auto }

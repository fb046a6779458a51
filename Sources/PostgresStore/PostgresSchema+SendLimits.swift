extension PostgresSchema {
    /// `v2-send-limits`: the sending limits every daemon of a relay shares — a token bucket per
    /// relay (`delivery.smtp.rate`) and the grants of the last day (`per_hour`, `per_day`).
    static let sendLimits = PostgresMigration("v2-send-limits", [
        """
        CREATE TABLE "sendLimit" (
            "relay" text PRIMARY KEY,
            "tokens" double precision NOT NULL,
            "refilledAt" timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE "sendGrant" (
            "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            "relay" text NOT NULL,
            "at" timestamptz NOT NULL
        )
        """,
        #"CREATE INDEX "sendGrant_on_relay_at" ON "sendGrant" ("relay", "at")"#,
    ])
}

package config

// alerts reads how new-offer alerts are sent.
func (r *reader) alerts(c *Config) {
	c.AlertsRate = r.intRange("ALERTS_RATE", 25, 1, 30)
	c.AlertsRequireApproval = r.bool("ALERTS_REQUIRE_APPROVAL")
}

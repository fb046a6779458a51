#!/usr/bin/env python3
"""Parses a Prometheus text exposition with prometheus_client's parser (an independent oracle
for relaisd's /metrics) and prints one metric family name per line; exits 1 if it does not parse."""
import sys

from prometheus_client.parser import text_string_to_metric_families

with open(sys.argv[1], encoding="utf-8") as handle:
    text = handle.read()
for family in text_string_to_metric_families(text):
    print(family.name)

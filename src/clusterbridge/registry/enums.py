"""Closed lists of the registry, in the users' words. Values are what files and the API use."""

from __future__ import annotations

import enum


class OrganisationKind(enum.StrEnum):
    CLUSTER_ORGANISATION = "cluster_organisation"
    COMPANY = "company"
    STARTUP = "startup"
    UNIVERSITY = "university"
    RESEARCH_CENTRE = "research_centre"
    PUBLIC_BODY = "public_body"
    OTHER = "other"


class SizeClass(enum.StrEnum):
    """EU SME definition by headcount: micro < 10, small < 50, medium < 250, large otherwise."""

    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class ComplexType(enum.StrEnum):
    """Types of industrial complex (as KICOX classifies them)."""

    NATIONAL = "national"
    GENERAL = "general"
    URBAN_HIGH_TECH = "urban_high_tech"
    AGRO_INDUSTRIAL = "agro_industrial"
    FOREIGN_INVESTMENT_ZONE = "foreign_investment_zone"
    OTHER = "other"


class LabelLevel(enum.StrEnum):
    """European Cluster Excellence Initiative management labels."""

    BRONZE = "bronze"
    SILVER = "silver"
    GOLD = "gold"


class MembershipRole(enum.StrEnum):
    MEMBER = "member"
    FOUNDING_MEMBER = "founding_member"
    BOARD_MEMBER = "board_member"
    ASSOCIATE = "associate"
    PARTNER = "partner"


class ParticipantRole(enum.StrEnum):
    COORDINATOR = "coordinator"
    PARTICIPANT = "participant"
    PARTNER = "partner"
    THIRD_PARTY = "third_party"
    ASSOCIATED_PARTNER = "associated_partner"


class Vocabulary(enum.StrEnum):
    """Code lists an organisation or cluster can be classified by."""

    NACE = "NACE"
    NAICS = "NAICS"
    TECHNOLOGY = "technology"
    EMERGING = "emerging"

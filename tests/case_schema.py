"""The required fields of a 1EdTech CASE 1.1 CFPackage, as the CASE 1.1
information model states them, written as a JSON Schema for the tests."""

UUID = {"type": "string", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"}
URI = {"type": "string", "format": "uri", "minLength": 1}
WHEN = {"type": "string", "format": "date-time"}
LINK = {"type": "object", "required": ["title", "identifier", "uri"],
        "properties": {"title": {"type": "string"}, "identifier": {"type": "string"}, "uri": URI}}
ASSOCIATIONS = ["isChildOf", "isPeerOf", "isPartOf", "exactMatchOf", "precedes", "isRelatedTo", "replacedBy",
                "exemplar", "hasSkillLevel", "isTranslationOf"]

CFPACKAGE = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["CFDocument"],
    "additionalProperties": False,
    "properties": {
        "CFDocument": {"type": "object", "required": ["identifier", "uri", "creator", "title", "lastChangeDateTime"],
                       "properties": {"identifier": UUID, "uri": URI, "creator": {"type": "string", "minLength": 1},
                                      "title": {"type": "string", "minLength": 1}, "lastChangeDateTime": WHEN,
                                      "caseVersion": {"enum": ["1.1"]}, "officialSourceURL": URI}},
        "CFItems": {"type": "array", "items": {
            "type": "object", "required": ["identifier", "fullStatement", "uri", "lastChangeDateTime"],
            "properties": {"identifier": UUID, "fullStatement": {"type": "string", "minLength": 1}, "uri": URI,
                           "lastChangeDateTime": WHEN, "CFItemType": {"type": "string"}, "CFItemTypeURI": LINK}}},
        "CFAssociations": {"type": "array", "items": {
            "type": "object",
            "required": ["identifier", "associationType", "uri", "originNodeURI", "destinationNodeURI",
                         "lastChangeDateTime"],
            "properties": {"identifier": UUID, "associationType": {"enum": ASSOCIATIONS}, "uri": URI,
                           "originNodeURI": LINK, "destinationNodeURI": LINK, "lastChangeDateTime": WHEN,
                           "sequenceNumber": {"type": "integer"}}}},
        "CFDefinitions": {"type": "object", "properties": {"CFItemTypes": {"type": "array", "items": {
            "type": "object",
            "required": ["identifier", "uri", "title", "description", "hierarchyCode", "lastChangeDateTime"],
            "properties": {"identifier": UUID, "uri": URI, "lastChangeDateTime": WHEN}}}}},
        "CFRubrics": {"type": "array", "items": {
            "type": "object", "required": ["identifier", "uri", "lastChangeDateTime"],
            "properties": {"identifier": UUID, "uri": URI, "lastChangeDateTime": WHEN, "CFRubricCriteria": {
                "type": "array", "items": {
                    "type": "object", "required": ["identifier", "uri", "lastChangeDateTime"],
                    "properties": {"identifier": UUID, "uri": URI, "CFItemURI": LINK, "rubricId": UUID,
                                   "CFRubricCriterionLevels": {"type": "array", "items": {
                                       "type": "object", "required": ["identifier", "uri", "lastChangeDateTime"],
                                       "properties": {"identifier": UUID, "uri": URI,
                                                      "rubricCriterionId": UUID}}}}}}}}},
    },
}
